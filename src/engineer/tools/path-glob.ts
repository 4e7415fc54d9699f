/**
 * Glob filters for listFiles and grep. A glob without `/` matches file names at any
 * depth (`*.ts`); one with `/` matches the path relative to the searched folder or to
 * the workspace, whichever the model meant (`src/**` works from the root and `**`
 * from `src`).
 */
import picomatch from 'picomatch';

/** Returns a predicate over workspace-relative paths, or one that accepts all when `glob` is empty. */
export function globFilter(glob: string | undefined, folder: string): (path: string) => boolean {
  if (glob === undefined || glob.trim() === '') return () => true;
  const matches = picomatch(glob.trim(), { dot: true, basename: !glob.includes('/') });
  const prefix = folder === '' ? '' : `${folder}/`;
  return (path) =>
    matches(path) ||
    (prefix !== '' && path.startsWith(prefix) && matches(path.slice(prefix.length)));
}
