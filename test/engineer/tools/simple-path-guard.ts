/**
 * A minimal PathGuard for the file tool tests, so they run before (and independently
 * of) the real workspace guard: relative paths only, resolved through real paths, and
 * nothing outside the workspace or inside `.git` may be written.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import { ArchonError, ErrorCode } from '../../../src/core/errors.js';
import type { FileToolContext, PathGuard } from '../../../src/engineer/tools/file-tool-context.js';

function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest === '' || (!rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest));
}

async function nearestReal(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await nearestReal(parent), path.slice(parent.length));
  }
}

/** Guard over `root` (a real path). */
export function simplePathGuard(root: string): PathGuard {
  async function resolveInside(path: string): Promise<string> {
    if (isAbsolute(path) || path.includes('\0')) {
      throw new ArchonError(ErrorCode.InvalidInput, `Refused path ${JSON.stringify(path)}.`);
    }
    const target = await nearestReal(resolve(root, path));
    if (!inside(root, target))
      throw new ArchonError(ErrorCode.InvalidInput, `${path} is outside the workspace.`);
    return target;
  }
  return {
    async resolveForRead(path) {
      const target = await resolveInside(path);
      try {
        return await realpath(target);
      } catch {
        throw new ArchonError(ErrorCode.PathNotFound, `${path} does not exist.`);
      }
    },
    async resolveForWrite(path) {
      const target = await resolveInside(path);
      if (relative(root, target).split(sep)[0] === '.git') {
        throw new ArchonError(ErrorCode.InvalidInput, `${path} is read-only.`);
      }
      return target;
    },
    async writeFile(path, content) {
      const target = await this.resolveForWrite(path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    },
  };
}

/** A temporary workspace with helpers to fill it and a context for the tools. */
export interface TemporaryWorkspace {
  readonly root: string;
  readonly context: FileToolContext;
  put(path: string, content: string | Buffer): Promise<void>;
  remove(): Promise<void>;
}

export async function temporaryWorkspace(
  limits?: FileToolContext['limits'],
): Promise<TemporaryWorkspace> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'archon-file-tools-')));
  return {
    root,
    context: { workspace: root, guard: simplePathGuard(root), limits },
    async put(path, content) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The ArchonError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejectionOf(promise: Promise<unknown>): Promise<ArchonError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!ArchonError.isInstance(error)) throw error;
  return error;
}
