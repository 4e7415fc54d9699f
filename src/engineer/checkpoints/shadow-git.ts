/**
 * Runs git against the shadow store only. The store is named by GIT_DIR and the
 * workspace by GIT_WORK_TREE, so git never looks for the user's `.git`; every
 * inherited GIT_* variable is dropped, system and global configuration are not read,
 * hooks are off and the identity is fixed. Arguments go to execFile as an array, so no
 * shell ever sees them.
 */
import { execFile, type ExecFileException } from 'node:child_process';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** The commit identity of every checkpoint. */
export const checkpointIdentity = {
  name: 'Archon Checkpoints',
  email: 'checkpoints@archon.invalid',
} as const;

/** Settings given with `-c` on every call, so the user's configuration cannot change them. */
const fixedConfiguration: readonly string[] = [
  'core.hooksPath=/dev/null',
  `user.name=${checkpointIdentity.name}`,
  `user.email=${checkpointIdentity.email}`,
  'user.useConfigOnly=false',
  'commit.gpgSign=false',
  'core.bare=false',
  'core.autocrlf=false',
  'core.safecrlf=false',
  'core.quotePath=false',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.excludesFile=/dev/null',
  'core.attributesFile=/dev/null',
  'core.sparseCheckout=false',
  'submodule.recurse=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'init.defaultBranch=checkpoints',
  'advice.addEmbeddedRepo=false',
];

/** Where one shadow store and its workspace are. */
export interface ShadowGitLocation {
  readonly storeDirectory: string;
  readonly workspace: string;
}

export interface ShadowGitOptions {
  /** Exit codes that are answers rather than failures (for `rev-parse --verify`, `cat-file -e`). */
  readonly allowedExitCodes?: readonly number[];
  readonly timeoutMilliseconds?: number;
}

export interface ShadowGitResult {
  readonly stdout: string;
  readonly exitCode: number;
}

const maximumOutputBytes = 256 * 1024 * 1024;
const defaultTimeoutMilliseconds = 120_000;

/** The environment git runs with: the parent's, minus every GIT_* variable, plus ours. */
export function shadowGitEnvironment(location: ShadowGitLocation): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.toUpperCase().startsWith('GIT_')) environment[name] = value;
  }
  environment.GIT_DIR = location.storeDirectory;
  environment.GIT_WORK_TREE = location.workspace;
  environment.GIT_CONFIG_NOSYSTEM = '1';
  environment.GIT_CONFIG_GLOBAL = '/dev/null';
  environment.GIT_TERMINAL_PROMPT = '0';
  environment.GIT_OPTIONAL_LOCKS = '0';
  environment.LC_ALL = 'C';
  return environment;
}

/** Runs one git command on the shadow store and returns its standard output. */
export function runShadowGit(
  location: ShadowGitLocation,
  args: readonly string[],
  options: ShadowGitOptions = {},
): Promise<ShadowGitResult> {
  const fullArguments = [...fixedConfiguration.flatMap((setting) => ['-c', setting]), ...args];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      fullArguments,
      {
        cwd: location.workspace,
        env: shadowGitEnvironment(location),
        maxBuffer: maximumOutputBytes,
        timeout: options.timeoutMilliseconds ?? defaultTimeoutMilliseconds,
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, exitCode: 0 });
          return;
        }
        const exitCode = typeof error.code === 'number' ? error.code : -1;
        if (options.allowedExitCodes?.includes(exitCode) === true) {
          resolve({ stdout, exitCode });
          return;
        }
        reject(gitFailure(args, error, stderr));
      },
    );
  });
}

function gitFailure(
  args: readonly string[],
  error: ExecFileException,
  stderr: string,
): ArchonError {
  const command = `git ${args[0] ?? ''}`.trim();
  if (error.code === 'ENOENT') {
    return new ArchonError(
      ErrorCode.InvalidConfig,
      'Checkpoints need git, and no `git` executable was found on PATH.',
      { cause: error },
    );
  }
  if (error.killed === true) {
    return new ArchonError(ErrorCode.Timeout, `Checkpoint command \`${command}\` timed out.`, {
      cause: error,
    });
  }
  const detail = firstMeaningfulLine(stderr) ?? error.message;
  const code = /index\.lock|\.lock': File exists/.test(stderr)
    ? ErrorCode.Conflict
    : ErrorCode.StorageError;
  return new ArchonError(code, `Checkpoint command \`${command}\` failed: ${detail}`, {
    details: { command, exitCode: error.code ?? null },
    cause: error,
  });
}

function firstMeaningfulLine(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('hint:')) return trimmed;
  }
  return undefined;
}
