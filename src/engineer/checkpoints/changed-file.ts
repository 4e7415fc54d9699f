/**
 * What changed between two states of the workspace, read from git's machine format
 * (`--name-status -z`), so paths with spaces, quotes or any Unicode arrive intact.
 */

/** One path that differs, seen from the older state to the newer one. */
export interface ChangedFile {
  /** Workspace-relative path with `/` separators. */
  readonly path: string;
  readonly change: 'added' | 'modified' | 'deleted';
}

/**
 * Parses `git diff --name-status --no-renames -z` output. Type changes (a file that
 * became a symbolic link) count as modifications.
 */
export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0');
  const changes: ChangedFile[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const status = fields[index] ?? '';
    const path = fields[index + 1] ?? '';
    if (status === '' || path === '') continue;
    changes.push({ path, change: changeOf(status) });
  }
  return changes;
}

function changeOf(status: string): ChangedFile['change'] {
  if (status.startsWith('A')) return 'added';
  if (status.startsWith('D')) return 'deleted';
  return 'modified';
}
