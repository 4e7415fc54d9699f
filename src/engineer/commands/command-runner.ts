/**
 * Runs one shell command for the agent, after the policy allowed it: `sh -c` in
 * the workspace, inside bubblewrap where it works, with an environment without
 * secrets, a timeout and an abort signal that kill the whole process group, and
 * output capped to its head and tail. Leftover background processes are killed
 * when the command exits, so nothing it started outlives it.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { WorkspaceGuard } from '../workspace/workspace-guard.js';
import { bubblewrapArguments } from './bubblewrap-arguments.js';
import { type CommandPolicy, defaultCommandPolicy, evaluateCommand } from './command-policy.js';
import { OutputCollector } from './output-collector.js';
import { signalProcessGroup } from './process-group.js';
import { resolveRunOptions, type RunCommandOptions, type RunSettings } from './run-options.js';
import { buildCommandEnvironment } from './safe-environment.js';
import { detectSandbox, type SandboxSupport } from './sandbox-detection.js';

export type { RunCommandOptions } from './run-options.js';

/** What a command did. */
export interface CommandResult {
  readonly command: string;
  /** Exit code, or null when a signal ended it. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The timeout ended it. */
  readonly timedOut: boolean;
  /** Some output was left out (head and tail kept). */
  readonly truncated: boolean;
  readonly durationMs: number;
  /** The confinement it ran under. */
  readonly sandbox: 'bubblewrap' | 'none';
  /** Why that confinement (for example why bubblewrap was not used). */
  readonly sandboxReason: string;
}

const sandboxHome = '/tmp/home';

/**
 * Checks `command` against the policy and runs it.
 * @throws ArchonError COMMAND_DENIED when the policy refuses it, CANCELLED when aborted,
 * INVALID_INPUT for bad options, INVALID_CONFIG when bubblewrap is required but unusable.
 */
export async function runCommand(
  command: string,
  options: RunCommandOptions,
): Promise<CommandResult> {
  const settings = resolveRunOptions(options);
  const guard =
    typeof options.workspace === 'string'
      ? await WorkspaceGuard.open(options.workspace)
      : options.workspace;
  const policy: CommandPolicy = options.policy ?? defaultCommandPolicy;
  const decision = evaluateCommand(command, guard, policy);
  if (!decision.allowed) {
    throw new ArchonError(ErrorCode.CommandDenied, `Command denied: ${decision.reason}.`, {
      details: { command, reason: decision.reason },
    });
  }
  const workingDirectory =
    options.cwd === undefined ? guard.root : await guard.resolveForRead(options.cwd);
  if (options.abortSignal?.aborted === true) throw cancelled(command);
  const sandbox = await chooseSandbox(settings.sandbox, settings.parent.PATH);
  const scratch = await mkdtemp(join(tmpdir(), 'archon-command-'));
  try {
    const home = sandbox.kind === 'bubblewrap' ? sandboxHome : join(scratch, 'home');
    if (sandbox.kind === 'none') await mkdir(home);
    const environment = buildCommandEnvironment({
      parent: settings.parent,
      home,
      temporaryDirectory: sandbox.kind === 'bubblewrap' ? '/tmp' : scratch,
      extra: options.environment,
    }).variables;
    const [file, args] =
      sandbox.kind === 'bubblewrap'
        ? [
            sandbox.executable as string,
            [
              ...bubblewrapArguments({
                workspace: guard.root,
                workingDirectory,
                protectedPaths: guard.readOnlyPaths.map((path) => join(guard.root, path)),
                readOnlyPaths: sandboxReadOnlyPaths(environment.PATH, options.sandboxReadOnlyPaths),
                home,
              }),
              '/bin/sh',
              '-c',
              command,
            ],
          ]
        : ['/bin/sh', ['-c', command]];
    return await spawnAndCollect(
      command,
      file,
      args,
      workingDirectory,
      environment,
      settings,
      sandbox,
      options.abortSignal,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function chooseSandbox(
  mode: 'auto' | 'bubblewrap' | 'none',
  searchPath: string | undefined,
): Promise<SandboxSupport> {
  if (mode === 'none')
    return { kind: 'none', executable: undefined, reason: 'the sandbox was turned off' };
  const support = await detectSandbox(searchPath);
  if (mode === 'bubblewrap' && support.kind !== 'bubblewrap') {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `The bubblewrap sandbox is required but unusable: ${support.reason}.`,
    );
  }
  return support;
}

/** Tool directories on PATH outside the system directories, bound read-only so tools still start. */
function sandboxReadOnlyPaths(
  searchPath: string | undefined,
  extra: readonly string[] = [],
): string[] {
  const system = /^\/(usr|bin|sbin|lib|lib32|lib64|libx32|etc)(\/|$)/u;
  const onPath = (searchPath ?? '')
    .split(':')
    .filter((entry) => entry.startsWith('/') && !system.test(entry));
  return [...new Set([...onPath, ...extra])];
}

function spawnAndCollect(
  command: string,
  file: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  settings: RunSettings,
  sandbox: SandboxSupport,
  abortSignal: AbortSignal | undefined,
): Promise<CommandResult> {
  const started = performance.now();
  const stdout = new OutputCollector(settings.maxOutputBytes);
  const stderr = new OutputCollector(settings.maxOutputBytes);
  return new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: 'timeout' | 'abort') => {
      if (exit !== undefined) return;
      if (reason === 'timeout') timedOut = true;
      else aborted = true;
      signalProcessGroup(child.pid, reason === 'abort' ? 'SIGKILL' : 'SIGTERM');
      killTimer = setTimeout(() => signalProcessGroup(child.pid, 'SIGKILL'), settings.killGraceMs);
    };
    const timer = setTimeout(() => stop('timeout'), settings.timeoutMs);
    const onAbort = () => stop('abort');
    abortSignal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Background processes the command left behind die with it.
      signalProcessGroup(child.pid, 'SIGKILL');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      abortSignal?.removeEventListener('abort', onAbort);
      reject(
        new ArchonError(ErrorCode.Internal, `Cannot start the command: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      abortSignal?.removeEventListener('abort', onAbort);
      if (aborted) {
        reject(cancelled(command));
        return;
      }
      const ended = exit ?? { code, signal };
      resolve({
        command,
        exitCode: ended.code,
        signal: ended.signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        truncated: stdout.truncated || stderr.truncated,
        durationMs: performance.now() - started,
        sandbox: sandbox.kind,
        sandboxReason: sandbox.reason,
      });
    });
  });
}

function cancelled(command: string): ArchonError {
  return new ArchonError(ErrorCode.Cancelled, 'The command was cancelled.', {
    details: { command },
  });
}
