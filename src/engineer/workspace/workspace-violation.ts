/**
 * The one way the workspace guard refuses a path: an ArchonError with code
 * WORKSPACE_VIOLATION whose message quotes the path safely (control characters
 * escaped) and says why, so the model can correct itself.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Builds the error for a refused path. */
export function workspaceViolation(path: string, reason: string): ArchonError {
  return new ArchonError(
    ErrorCode.WorkspaceViolation,
    `Path ${quotePath(path)} is refused: ${reason}.`,
    { details: { path, reason } },
  );
}

/** Quotes a path for a one-line message: JSON escaping shows NUL and newlines, long paths are cut. */
export function quotePath(path: string): string {
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return JSON.stringify(shown);
}
