/**
 * The user's include and exclude globs, matched against root-relative POSIX paths with
 * git-like conventions so that the same pattern means the same thing as in a `.gitignore`:
 * a pattern without a slash (`*.md`) matches at any depth, a leading slash anchors it to
 * the root, a trailing slash or a matched folder covers everything below it.
 */
import picomatch from 'picomatch';

import { ArchonError, ErrorCode } from '../../../core/errors.js';

/** Compiled include/exclude globs. */
export interface PathFilter {
  /** Whether a file at this root-relative path is loaded (included and not excluded). */
  acceptsFile(relativePath: string): boolean;
  /** Whether a directory at this root-relative path is excluded, so its walk can stop there. */
  excludesDirectory(relativePath: string): boolean;
}

type Matcher = (path: string) => boolean;

/** Compiles the globs; an empty or missing include list includes every file. */
export function createPathFilter(
  include: readonly string[] = [],
  exclude: readonly string[] = [],
): PathFilter {
  const included = include.length === 0 ? null : compile(include, 'include');
  const excluded = exclude.length === 0 ? null : compile(exclude, 'exclude');
  return {
    acceptsFile: (path) => (included === null || included(path)) && !(excluded?.(path) ?? false),
    excludesDirectory: (path) => excluded?.(path) ?? false,
  };
}

function compile(patterns: readonly string[], option: string): Matcher {
  const globs = patterns.flatMap((pattern) => {
    const glob = toRootRelativeGlob(pattern, option);
    return [glob, `${glob}/**`];
  });
  return picomatch(globs, { dot: true });
}

/** Rewrites a git-style pattern as a glob over root-relative paths. */
function toRootRelativeGlob(pattern: unknown, option: string): string {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new ArchonError(ErrorCode.InvalidInput, `Empty ${option} pattern`, {
      details: { option, pattern },
    });
  }
  let glob = pattern.trim().replace(/^\.\//, '');
  const anchored = glob.startsWith('/');
  glob = glob.replace(/^\/+/, '').replace(/\/+$/, '');
  if (glob === '') {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `The ${option} pattern "${pattern}" matches nothing`,
      {
        details: { option, pattern },
      },
    );
  }
  return anchored || glob.includes('/') ? glob : `**/${glob}`;
}
