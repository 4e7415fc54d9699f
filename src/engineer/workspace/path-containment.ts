/**
 * Separator-aware containment: `/work/app-secrets` is not inside `/work/app`.
 * Both paths must already be absolute and real (symlinks resolved).
 */
import { relative, sep } from 'node:path';

/** True when `candidate` is `root` itself or lies below it. */
export function isInsideDirectory(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return candidate.startsWith(prefix);
}

/** The path of `candidate` relative to `root`, with forward slashes; '' for the root. */
export function relativeInside(root: string, candidate: string): string {
  return relative(root, candidate).split(sep).join('/');
}
