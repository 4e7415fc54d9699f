/**
 * Finds where a path really leads: the real path of the target when it exists,
 * otherwise the real path of its nearest existing parent joined with the missing
 * names. A dangling symbolic link anywhere on the way is refused, since creating a
 * file through it would write wherever the link points.
 */
import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { workspaceViolation } from './workspace-violation.js';

/** Where a requested path leads. */
export interface RealTarget {
  /** Absolute real path of the target (existing) or of its parent plus the missing names. */
  readonly realPath: string;
  /** The target's own status (symlinks followed) when it exists. */
  readonly stats: Stats | undefined;
}

/** Resolves `segments` below `root` (already real) without trusting any symlink on the way. */
export async function resolveRealTarget(
  root: string,
  segments: readonly string[],
  requested: string,
): Promise<RealTarget> {
  for (let existing = segments.length; ; existing -= 1) {
    const candidate = join(root, ...segments.slice(0, existing));
    let real: string;
    try {
      real = await realpath(candidate);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' && existing > 0) {
        if (await isPresent(candidate)) {
          throw workspaceViolation(
            requested,
            'a symbolic link on the path points to a missing target',
          );
        }
        continue;
      }
      throw workspaceViolation(requested, describeFailure(code));
    }
    const missing = segments.slice(existing);
    if (missing.length === 0) return { realPath: real, stats: await stat(real) };
    return { realPath: join(real, ...missing), stats: undefined };
  }
}

async function isPresent(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

function describeFailure(code: string | undefined): string {
  if (code === 'ENOTDIR') return 'a parent on the path is not a directory';
  if (code === 'ELOOP') return 'the path has a symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied while resolving it';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  return `it cannot be resolved (${code ?? 'unknown error'})`;
}

export { errorCode };
