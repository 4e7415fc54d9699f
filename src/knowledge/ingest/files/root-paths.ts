/**
 * Checks every path a load was given before anything is read, so a typo fails the whole
 * call up front with PATH_NOT_FOUND instead of after half the other paths were ingested.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { ArchonError, ErrorCode } from '../../../core/errors.js';
import { errorCode } from './file-system-errors.js';

/** A validated path to load: a file or a directory. */
export interface RootPath {
  readonly kind: 'file' | 'directory';
  /** Absolute path, symlinks kept. */
  readonly absolutePath: string;
  /** Absolute path with symlinks resolved. */
  readonly realPath: string;
}

const missingCodes = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

/** Resolves each path against the working directory and checks it exists; throws on the first bad one. */
export async function resolveRootPaths(paths: readonly string[]): Promise<RootPath[]> {
  if (!Array.isArray(paths)) {
    throw new ArchonError(ErrorCode.InvalidInput, 'Paths to load must be an array of strings');
  }
  const roots: RootPath[] = [];
  for (const path of paths) roots.push(await resolveRootPath(path));
  return roots;
}

async function resolveRootPath(path: unknown): Promise<RootPath> {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ArchonError(ErrorCode.InvalidInput, 'A path to load is empty', {
      details: { path },
    });
  }
  const absolutePath = resolve(path);
  try {
    const [stats, realPath] = await Promise.all([stat(absolutePath), realpath(absolutePath)]);
    if (stats.isDirectory()) return { kind: 'directory', absolutePath, realPath };
    if (stats.isFile()) return { kind: 'file', absolutePath, realPath };
  } catch (error) {
    const code = errorCode(error);
    if (missingCodes.has(code)) {
      throw new ArchonError(ErrorCode.PathNotFound, `Path not found: ${path}`, {
        details: { path: absolutePath },
      });
    }
    throw new ArchonError(ErrorCode.InvalidInput, `Cannot access path ${path} (${code})`, {
      details: { path: absolutePath, code },
      cause: error,
    });
  }
  throw new ArchonError(ErrorCode.InvalidInput, `Not a file or directory: ${path}`, {
    details: { path: absolutePath },
  });
}
