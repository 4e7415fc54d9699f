/**
 * Finds out once per process whether bubblewrap can confine commands here. Having
 * `bwrap` installed is not enough: without user namespaces (some containers, some
 * hardened kernels) it fails at start. So the exact sandbox the runner uses is
 * tried with `sh -c true` on a scratch directory, and the outcome, with the reason
 * when it fails, is cached.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { bubblewrapArguments } from './bubblewrap-arguments.js';

/** Which confinement commands get, and why. */
export interface SandboxSupport {
  readonly kind: 'bubblewrap' | 'none';
  /** The bwrap executable when kind is 'bubblewrap'. */
  readonly executable: string | undefined;
  /** One line: what was found, or why the sandbox is not used. */
  readonly reason: string;
}

const cache = new Map<string, Promise<SandboxSupport>>();
const probeTimeoutMs = 15_000;

/** Looks for `bwrap` on the search path (/usr/bin and /bin when none is given). */
export function findBubblewrap(searchPath: string | undefined): string | undefined {
  const directories = (searchPath ?? '/usr/bin:/bin')
    .split(delimiter)
    .filter((entry) => entry.startsWith('/'));
  for (const directory of directories) {
    const candidate = join(directory, 'bwrap');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether bubblewrap works on this machine; probed once per executable and cached. */
export function detectSandbox(searchPath: string | undefined): Promise<SandboxSupport> {
  const executable = findBubblewrap(searchPath);
  if (executable === undefined) {
    return Promise.resolve({
      kind: 'none',
      executable: undefined,
      reason: 'bubblewrap (bwrap) is not installed',
    });
  }
  let support = cache.get(executable);
  if (support === undefined) {
    support = probe(executable);
    cache.set(executable, support);
  }
  return support;
}

/** Forgets cached probes (for tests that install or remove bwrap). */
export function forgetSandboxDetection(): void {
  cache.clear();
}

async function probe(executable: string): Promise<SandboxSupport> {
  const scratch = await mkdtemp(join(tmpdir(), 'archon-sandbox-probe-'));
  try {
    const args = bubblewrapArguments({
      workspace: scratch,
      workingDirectory: scratch,
      protectedPaths: [],
      readOnlyPaths: [],
      home: '/tmp/home',
    });
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(
        executable,
        [...args, '/bin/sh', '-c', 'true'],
        { timeout: probeTimeoutMs, env: { PATH: '/usr/bin:/bin' } },
        (error, _stdout, stderr) => {
          if (error === null) resolve(undefined);
          else resolve((stderr.trim().split('\n')[0] ?? '') || error.message);
        },
      );
    });
    if (failure === undefined) {
      return {
        kind: 'bubblewrap',
        executable,
        reason: `bubblewrap at ${executable} works: no network, only the workspace writable`,
      };
    }
    return {
      kind: 'none',
      executable: undefined,
      reason: `bubblewrap at ${executable} cannot start here: ${failure}`,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
