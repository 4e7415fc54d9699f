/**
 * Options of runCommand, with their defaults and checks in one place.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { WorkspaceGuard } from '../workspace/workspace-guard.js';
import type { CommandPolicy } from './command-policy.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** The workspace (a guard, or its root directory). Commands run in its root unless `cwd` is given. */
  readonly workspace: WorkspaceGuard | string;
  /** Default: {@link defaultCommandPolicy}. */
  readonly policy?: CommandPolicy;
  /** Working directory relative to the workspace root. */
  readonly cwd?: string;
  /** Default 120000 (two minutes). */
  readonly timeoutMs?: number;
  /** Cap per stream; head and tail are kept. Default 1 MiB. */
  readonly maxOutputBytes?: number;
  /** After a timeout, how long the group gets between SIGTERM and SIGKILL. Default 2000. */
  readonly killGraceMs?: number;
  /** Extra variables for the command; names that look secret are dropped. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Where allow-listed variables (PATH, LANG, ...) come from. Default: process.env. */
  readonly parentEnvironment?: Readonly<Record<string, string | undefined>>;
  /** 'auto' (default) uses bubblewrap when it works; 'bubblewrap' requires it; 'none' skips it. */
  readonly sandbox?: 'auto' | 'bubblewrap' | 'none';
  /** Host directories to expose read-only inside the sandbox (tool installs outside /usr). */
  readonly sandboxReadOnlyPaths?: readonly string[];
  readonly abortSignal?: AbortSignal;
}

/** The checked numeric and mode settings. */
export interface RunSettings {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly killGraceMs: number;
  readonly sandbox: 'auto' | 'bubblewrap' | 'none';
  readonly parent: Readonly<Record<string, string | undefined>>;
}

const oneDayMs = 86_400_000;

/** Applies defaults and refuses nonsense with INVALID_INPUT. */
export function resolveRunOptions(options: RunCommandOptions): RunSettings {
  const timeoutMs = checkedInteger('timeoutMs', options.timeoutMs ?? 120_000, 1, oneDayMs);
  const maxOutputBytes = checkedInteger(
    'maxOutputBytes',
    options.maxOutputBytes ?? 1_048_576,
    64,
    1 << 30,
  );
  const killGraceMs = checkedInteger('killGraceMs', options.killGraceMs ?? 2_000, 0, 60_000);
  const sandbox = options.sandbox ?? 'auto';
  if (!['auto', 'bubblewrap', 'none'].includes(sandbox)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `sandbox must be 'auto', 'bubblewrap' or 'none', not ${String(sandbox)}.`,
    );
  }
  // The runner is the edge where a child process is started; PATH and locale come from here.
  const parent = options.parentEnvironment ?? process.env;
  return { timeoutMs, maxOutputBytes, killGraceMs, sandbox, parent };
}

function checkedInteger(name: string, value: number, minimum: number, maximum: number): number {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${name} must be an integer from ${minimum} to ${maximum}, not ${value}.`,
      {
        details: { [name]: value },
      },
    );
  }
  return value;
}
