/**
 * Paths as the model sees them: relative to the workspace, with `/` separators, so
 * output from one tool can be passed to the next unchanged.
 */
import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';

/** Real path of the workspace folder (the resolved path when it cannot be read). */
export async function workspaceRoot(workspace: string): Promise<string> {
  const absolute = resolve(workspace);
  try {
    return await realpath(absolute);
  } catch {
    return absolute;
  }
}

/** `absolute` relative to `root` with `/` separators; `.` for the root itself. */
export function toWorkspacePath(root: string, absolute: string): string {
  const path = relative(root, absolute);
  return path === '' ? '.' : path.split(sep).join('/');
}
