/**
 * Builds the Markdown-only corpus: every Markdown file of the mixed corpus plus
 * the knowledge pack, copied again and again under `copy-NN/` folders until the
 * corpus reaches the wanted size. The copies are byte-identical but live under
 * distinct paths, so the knowledge base ingests each as its own document.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { totalBytes, walkFiles } from './corpus-files.js';

/** What the Markdown corpus holds. */
export interface MarkdownCorpus {
  readonly root: string;
  /** Markdown files of one copy, and their bytes. */
  readonly distinctFiles: number;
  readonly distinctBytes: number;
  readonly copies: number;
  readonly files: number;
  readonly bytes: number;
}

const markdownPattern = /\.(md|markdown)$/i;

/** Builds (or reuses, if built with the same inputs) the replicated Markdown corpus. */
export function buildMarkdownCorpus(options: {
  readonly sources: readonly { readonly label: string; readonly root: string }[];
  readonly target: string;
  readonly minimumBytes: number;
}): MarkdownCorpus {
  const originals = options.sources.flatMap(({ label, root }) =>
    walkFiles(root)
      .filter((path) => markdownPattern.test(path))
      .map((path) => ({ path, relativePath: join(label, relative(root, path)) })),
  );
  const distinctBytes = totalBytes(originals.map((file) => file.path));
  if (distinctBytes === 0) throw new Error('no Markdown found for the Markdown corpus');
  const copies = Math.max(1, Math.ceil(options.minimumBytes / distinctBytes));
  const stamp = `${originals.length} files, ${distinctBytes} bytes, ${copies} copies\n`;
  const stampPath = join(options.target, '.built');
  if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== stamp) {
    rmSync(options.target, { recursive: true, force: true });
    for (let copy = 1; copy <= copies; copy++) {
      const copyRoot = join(options.target, `copy-${String(copy).padStart(2, '0')}`);
      for (const file of originals) {
        const destination = join(copyRoot, file.relativePath);
        mkdirSync(dirname(destination), { recursive: true });
        copyFileSync(file.path, destination);
      }
    }
    writeFileSync(stampPath, stamp);
  }
  return {
    root: options.target,
    distinctFiles: originals.length,
    distinctBytes,
    copies,
    files: originals.length * copies,
    bytes: distinctBytes * copies,
  };
}
