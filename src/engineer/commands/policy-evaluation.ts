/**
 * Judges parsed commands one by one, looking through wrappers, shells' `-c`
 * strings, `find -exec` and `eval`. For each command, in order: assignments,
 * redirections, the program name, the checks that always apply, argument paths,
 * the allow/deny rules, then whatever the command runs in turn. The first refusal
 * wins and names the command it came from.
 */
import { ArchonError } from '../../core/errors.js';
import {
  argumentsReason,
  packageRunnerStart,
  programPathReason,
  redirectionsReason,
} from './argument-checks.js';
import {
  commandName,
  fileWritingCommands,
  privilegeCommands,
  shellCommands,
  treeDeletingCommands,
} from './command-names.js';
import { parseCommandLine } from './command-parser.js';
import { directoryDenial, type PathRules, writeDenial } from './command-paths.js';
import { type CommandRule, ruleMatches } from './command-rules.js';
import { findSubcommand } from './command-subcommands.js';
import { isWrapperName, unwrapCommand, type UnwrappedCommand } from './command-wrappers.js';
import { dangerousVariableReason } from './dangerous-variables.js';
import { findActions } from './find-command.js';
import { alwaysDeniedReason, inlineCodeReason } from './fixed-checks.js';
import { analyzeInterpreter } from './interpreter-command.js';
import { shellInvocation } from './shell-invocation.js';
import {
  isDynamicWord,
  maximumNestingDepth,
  type ParsedCommand,
  type ShellWord,
} from './shell-syntax.js';

/** The policy in the form the evaluation uses. */
export interface EvaluationSettings {
  readonly allow: readonly CommandRule[];
  readonly deny: readonly CommandRule[];
  readonly allowInlineCode: boolean;
  readonly pythonModules: ReadonlySet<string>;
  readonly paths: PathRules;
  /** Programs whose arguments are understood; others have their arguments scanned for hidden commands. */
  readonly knownPrograms: ReadonlySet<string>;
}

const awkNames = new Set(['awk', 'gawk', 'mawk', 'nawk']);
const inspectedRunners = new Set(['find', 'git', 'sed', 'eval', ...awkNames]);

/** One evaluation of one command line; collects every command it looked at. */
export class PolicyEvaluation {
  readonly commands: ParsedCommand[] = [];
  /** Above zero while arguments of an unknown program are scanned: only the always-applying checks run. */
  private rulesSuspended = 0;

  constructor(private readonly settings: EvaluationSettings) {}

  /** Why the command line is refused, or undefined when every command in it is allowed. */
  checkLine(
    text: string,
    origin: readonly string[],
    depth: number,
    readsPipedInput: boolean,
  ): string | undefined {
    let parsed: ParsedCommand[];
    try {
      parsed = parseCommandLine(text, origin, depth, readsPipedInput);
    } catch (error) {
      if (ArchonError.isInstance(error)) return error.message.replace(/\.$/u, '');
      throw error;
    }
    if (parsed.length === 0) return 'the command is empty';
    for (const command of parsed) {
      const denial = this.check(command, depth);
      if (denial !== undefined) return denial;
    }
    return undefined;
  }

  private check(command: ParsedCommand, depth: number): string | undefined {
    this.commands.push(command);
    if (depth > maximumNestingDepth) return 'commands are nested too deeply';
    const own =
      this.checkAssignments(command) ??
      redirectionsReason(command, this.settings.paths) ??
      this.checkProgram(command);
    if (own !== undefined) return `${describe(command)}: ${own}`;
    return this.checkNested(command, depth) ?? this.checkHiddenCommands(command, depth);
  }

  /**
   * A program the policy does not know (allowed by a user rule) may run its
   * arguments as a command (`setsid rm -rf x`, `watch ...`, `ssh host ...`). Each
   * argument that names a known command starts a candidate command line, judged by
   * the checks that always apply.
   */
  private checkHiddenCommands(command: ParsedCommand, depth: number): string | undefined {
    const program = command.words[0];
    if (program === undefined || this.settings.knownPrograms.has(commandName(program.text)))
      return undefined;
    this.rulesSuspended += 1;
    try {
      for (let index = 1; index < command.words.length; index += 1) {
        const word = command.words[index] as ShellWord;
        if (isDynamicWord(word) || !this.isInspected(commandName(word.text), command)) continue;
        const words = command.words.slice(index);
        const hidden = {
          ...command,
          words,
          argv: words.map((entry) => entry.text),
          origin: [...command.origin, commandName(program.text)],
        };
        const denial = this.check(hidden, depth + 1);
        if (denial !== undefined) return denial;
      }
      return undefined;
    } finally {
      this.rulesSuspended -= 1;
    }
  }

  private isInspected(name: string, command: ParsedCommand): boolean {
    return (
      privilegeCommands.has(name) ||
      shellCommands.has(name) ||
      treeDeletingCommands.has(name) ||
      fileWritingCommands.has(name) ||
      inspectedRunners.has(name) ||
      isWrapperName(name) ||
      analyzeInterpreter(name, command) !== undefined
    );
  }

  private checkAssignments(command: ParsedCommand): string | undefined {
    for (const assignment of command.assignments) {
      const reason = dangerousVariableReason(assignment.name);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }

  private checkProgram(command: ParsedCommand): string | undefined {
    const program = command.words[0];
    if (program === undefined) return undefined;
    if (isDynamicWord(program) || program.glob || program.tilde)
      return 'the program name is computed at run time';
    const name = commandName(program.text);
    return (
      programPathReason(program, this.settings.paths) ??
      alwaysDeniedReason(name, command, this.settings.paths) ??
      (this.settings.allowInlineCode
        ? undefined
        : inlineCodeReason(name, command, this.settings.pythonModules)) ??
      argumentsReason(name, command, this.settings.paths) ??
      this.checkRules(name, command)
    );
  }

  private checkRules(name: string, command: ParsedCommand): string | undefined {
    if (this.rulesSuspended > 0) return undefined;
    const deny = this.settings.deny.find((rule) => ruleMatches(rule, name, command));
    if (deny !== undefined) return deny.reason ?? `${name} is denied by the policy`;
    if (this.settings.allow.some((rule) => ruleMatches(rule, name, command))) return undefined;
    const subcommand = findSubcommand(name, command.words);
    const shown = subcommand === undefined ? name : `${name} ${subcommand.value}`;
    return `${shown} is not among the commands the policy allows`;
  }

  private checkNested(command: ParsedCommand, depth: number): string | undefined {
    const program = command.words[0];
    if (program === undefined) return undefined;
    const name = commandName(program.text);
    const origin = (label: string) => [...command.origin, label];
    if (shellCommands.has(name)) {
      const invocation = shellInvocation(command);
      return invocation.kind === 'string'
        ? this.checkLine(
            invocation.script,
            origin(`${name} -c`),
            depth + 1,
            command.readsPipedInput,
          )
        : undefined;
    }
    if (name === 'eval')
      return this.checkLine(
        command.argv.slice(1).join(' '),
        origin('eval'),
        depth + 1,
        command.readsPipedInput,
      );
    if (name === 'find') {
      const actions = findActions(command);
      if (typeof actions === 'string') return `${describe(command)}: ${actions}`;
      for (const written of actions.writtenPaths) {
        const denial = writeDenial(this.settings.paths, written, written.text, false);
        if (denial !== undefined) return `${describe(command)}: ${denial}`;
      }
      return this.checkAll(actions.commands, depth);
    }
    const runnerStart = packageRunnerStart(name, command);
    const wrapper = runnerStart !== undefined ? 'npm exec' : isWrapperName(name) ? name : undefined;
    if (wrapper === undefined) return undefined;
    const unwrapped = unwrapCommand(wrapper, command, runnerStart ?? 1);
    if (typeof unwrapped === 'string') return `${describe(command)}: ${unwrapped}`;
    return this.checkUnwrapped(command, unwrapped, depth);
  }

  private checkUnwrapped(
    command: ParsedCommand,
    unwrapped: UnwrappedCommand,
    depth: number,
  ): string | undefined {
    for (const written of unwrapped.writtenPaths) {
      const denial = writeDenial(this.settings.paths, written, written.text, false);
      if (denial !== undefined) return `${describe(command)}: ${denial}`;
    }
    for (const directory of unwrapped.directories) {
      const denial = directoryDenial(this.settings.paths, directory);
      if (denial !== undefined) return `${describe(command)}: ${denial}`;
    }
    for (const script of unwrapped.scripts) {
      const denial = this.checkLine(
        script,
        [...command.origin, `${unwrapped.wrapper} -c`],
        depth + 1,
        command.readsPipedInput,
      );
      if (denial !== undefined) return denial;
    }
    return unwrapped.inner === undefined ? undefined : this.check(unwrapped.inner, depth + 1);
  }

  private checkAll(commands: readonly ParsedCommand[], depth: number): string | undefined {
    for (const inner of commands) {
      const denial = this.check(inner, depth + 1);
      if (denial !== undefined) return denial;
    }
    return undefined;
  }
}

/** `rm -rf x` (via sh -c → xargs) for messages. */
function describe(command: ParsedCommand): string {
  const text = command.argv.join(' ') || command.text;
  const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return command.origin.length === 0
    ? `\`${shown}\``
    : `\`${shown}\` (via ${command.origin.join(' → ')})`;
}
