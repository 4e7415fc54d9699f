/**
 * The `archon` command line: parses arguments, runs one command against the core,
 * and turns any error into one line and an exit code (0 ok, 1 failure, 2 usage).
 */
import { Command, CommanderError } from 'commander';

import { CliContext, type GlobalOptions } from './cli-context.js';
import { type CliIo, processIo } from './cli-io.js';
import { registerAskCommand } from './commands/ask-command.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerImplementCommand } from './commands/implement-command.js';
import { registerIngestCommand } from './commands/ingest-command.js';
import { registerKeysCommand } from './commands/keys-command.js';
import { registerMcpCommand } from './commands/mcp-command.js';
import { registerReindexCommand } from './commands/reindex-command.js';
import { registerRunsCommands } from './commands/runs-command.js';
import { registerSearchCommand } from './commands/search-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerShowCommand } from './commands/show-command.js';
import { registerSourceCommands } from './commands/sources-command.js';
import { errorLine, ExitCode, exitCodeFor } from './exit-codes.js';
import { packageVersion } from './package-version.js';

export interface RunCliOptions {
  /** Fetch used for URL ingestion (tests inject one); the global fetch by default. */
  readonly fetch?: typeof fetch;
}

/** Runs `archon` with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  options: RunCliOptions = {},
): Promise<number> {
  const program = new Command();
  const context = new CliContext(io, () => program.opts<GlobalOptions>(), options.fetch);
  program
    .name('archon')
    .description(
      'Archon Engineer: a knowledge base of engineering patterns and an implementation engineer',
    )
    .version(packageVersion(), '-V, --version')
    .option('--home <dir>', 'data directory (default: ARCHON_HOME or the per-user data directory)')
    .option('--config <file>', 'config file (default: ARCHON_CONFIG or <home>/config.{json,yaml})')
    .showHelpAfterError('(run `archon --help` for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  registerIngestCommand(program, context);
  registerSearchCommand(program, context);
  registerSourceCommands(program, context);
  registerShowCommand(program, context);
  registerReindexCommand(program, context);
  registerDoctorCommand(program, context);
  registerEvalCommand(program, context);
  registerImplementCommand(program, context);
  registerAskCommand(program, context);
  registerRunsCommands(program, context);
  registerMcpCommand(program, context);
  registerServeCommand(program, context);
  registerKeysCommand(program, context);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(error.code) ? ExitCode.Success : ExitCode.Usage;
    }
    io.stderr(`${errorLine(error)}\n`);
    return exitCodeFor(error);
  } finally {
    await context.close();
  }
}
