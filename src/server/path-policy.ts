/**
 * Which server paths a client may name. Ingest targets and run workspaces are paths
 * on the server's disk, so over HTTP they must be absolute (a relative path would
 * depend on where the server was started) and, when the operator lists allowed
 * roots, inside one of them after symbolic links are resolved: a key holder must not
 * read `/etc` into the knowledge base or point an agent at a home directory.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

import { ArchonError, ErrorCode } from '../core/errors.js';

export class PathPolicy {
  private readonly roots: readonly string[] | null;

  /** `roots`: the allowed directories; undefined allows any absolute path. */
  constructor(roots: readonly string[] | undefined) {
    this.roots = roots === undefined ? null : roots.map((root) => canonical(resolve(root)));
  }

  /** The absolute, canonical form of `path`; throws when the policy refuses it. */
  check(path: string, what: string): string {
    if (path.includes('\0')) {
      throw new ArchonError(ErrorCode.InvalidInput, `${what} must not contain a NUL character`);
    }
    if (!isAbsolute(path)) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${what} must be an absolute path on the server`,
      );
    }
    const resolved = canonical(resolve(path));
    if (this.roots !== null && !this.roots.some((root) => contains(root, resolved))) {
      throw new ArchonError(
        ErrorCode.WorkspaceViolation,
        `${what} is outside the directories this server allows`,
        { details: { path } },
      );
    }
    return resolved;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function contains(root: string, path: string): boolean {
  const inside = relative(root, path);
  return (
    inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside))
  );
}
