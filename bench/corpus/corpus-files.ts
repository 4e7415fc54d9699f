/**
 * Small file-tree helpers for the corpora: a sorted recursive walk and a
 * size/composition summary by extension, so results can say what was ingested.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Every regular file under `root`, depth first, in sorted order; dot files are skipped. */
export function walkFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (directory: string): void => {
    const entries = readdirSync(directory, { withFileTypes: true }).sort((left, right) =>
      left.name < right.name ? -1 : left.name > right.name ? 1 : 0,
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  visit(root);
  return files;
}

/** File count and bytes of one kind of file. */
export interface CompositionRow {
  readonly kind: string;
  readonly files: number;
  readonly bytes: number;
}

/** Groups `files` by lower-cased extension (`(none)` without one), largest first. */
export function compositionOf(files: readonly string[]): CompositionRow[] {
  const byKind = new Map<string, { files: number; bytes: number }>();
  for (const path of files) {
    const kind = extname(path).toLowerCase() || '(none)';
    const row = byKind.get(kind) ?? { files: 0, bytes: 0 };
    row.files += 1;
    row.bytes += statSync(path).size;
    byKind.set(kind, row);
  }
  return [...byKind.entries()]
    .map(([kind, row]) => ({ kind, ...row }))
    .sort((left, right) => right.bytes - left.bytes);
}

/** Total bytes of `files`. */
export function totalBytes(files: readonly string[]): number {
  let sum = 0;
  for (const path of files) sum += statSync(path).size;
  return sum;
}
