/**
 * Builds the Markdown-only corpus: every Markdown file of the mixed corpus and the
 * knowledge pack, plus every HTML manual page of the mixed corpus (but pages rendered
 * from a Markdown file that is already in) converted once to
 * Markdown by the same converter ingest uses (so the corpus is mostly distinct, real
 * documentation prose, not one small set of files repeated). That set is copied under
 * `copy-NN/` folders until the corpus reaches the wanted size; the copies are
 * byte-identical but live under distinct paths, so each is its own document.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { htmlToMarkdown } from '../../src/knowledge/ingest/html/html-to-markdown.js';
import { walkFiles } from './corpus-files.js';

/** What the Markdown corpus holds. */
export interface MarkdownCorpus {
  readonly root: string;
  /** Markdown files of one copy, and their bytes. */
  readonly distinctFiles: number;
  readonly distinctBytes: number;
  /** Of those, the files and bytes converted from HTML. */
  readonly convertedFiles: number;
  readonly convertedBytes: number;
  readonly copies: number;
  readonly files: number;
  readonly bytes: number;
}

const markdownPattern = /\.(md|markdown)$/i;
const htmlPattern = /\.html?$/i;
/** Bump when the conversion or layout changes, so a stale corpus is rebuilt. */
const layoutVersion = 2;

interface Original {
  readonly path: string;
  readonly relativePath: string;
  readonly convert: boolean;
}

/** Builds (or reuses, if built with the same inputs) the Markdown corpus. */
export function buildMarkdownCorpus(options: {
  readonly sources: readonly { readonly label: string; readonly root: string }[];
  readonly target: string;
  readonly minimumBytes: number;
}): MarkdownCorpus {
  const originals: Original[] = options.sources.flatMap(({ label, root }) =>
    walkFiles(root)
      .filter(
        (path) => markdownPattern.test(path) || (htmlPattern.test(path) && !hasMarkdownTwin(path)),
      )
      .map((path) => {
        const convert = htmlPattern.test(path);
        const relativePath = join(label, relative(root, path));
        return { path, convert, relativePath: convert ? `${relativePath}.md` : relativePath };
      }),
  );
  if (originals.length === 0) throw new Error('no Markdown or HTML found for the Markdown corpus');
  const inputBytes = originals.reduce((sum, file) => sum + statSync(file.path).size, 0);
  const stamp = `v${layoutVersion}: ${originals.length} files, ${inputBytes} input bytes, at least ${options.minimumBytes} bytes\n`;
  const stampPath = join(options.target, '.built');
  const firstCopy = join(options.target, 'copy-01');
  if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== stamp) {
    rmSync(options.target, { recursive: true, force: true });
    for (const file of originals) writeFirstCopy(file, firstCopy);
    const distinctBytes = copyBytes(originals, firstCopy);
    const copies = Math.max(1, Math.ceil(options.minimumBytes / distinctBytes));
    for (let copy = 2; copy <= copies; copy++) {
      const copyRoot = join(options.target, `copy-${String(copy).padStart(2, '0')}`);
      for (const file of originals) {
        const destination = join(copyRoot, file.relativePath);
        mkdirSync(dirname(destination), { recursive: true });
        copyFileSync(join(firstCopy, file.relativePath), destination);
      }
    }
    writeFileSync(stampPath, stamp);
  }
  const distinctBytes = copyBytes(originals, firstCopy);
  const converted = originals.filter((file) => file.convert);
  const copies = Math.max(1, Math.ceil(options.minimumBytes / distinctBytes));
  return {
    root: options.target,
    distinctFiles: originals.length,
    distinctBytes,
    convertedFiles: converted.length,
    convertedBytes: copyBytes(converted, firstCopy),
    copies,
    files: originals.length * copies,
    bytes: distinctBytes * copies,
  };
}

/** An HTML page rendered from a Markdown file beside it (Node.js ships both) adds nothing. */
function hasMarkdownTwin(path: string): boolean {
  return existsSync(path.replace(htmlPattern, '.md'));
}

function writeFirstCopy(file: Original, copyRoot: string): void {
  const destination = join(copyRoot, file.relativePath);
  mkdirSync(dirname(destination), { recursive: true });
  if (!file.convert) {
    copyFileSync(file.path, destination);
    return;
  }
  const { markdown, title } = htmlToMarkdown(readFileSync(file.path, 'utf8'));
  const heading = title !== null && !markdown.startsWith('# ') ? `# ${title}\n\n` : '';
  writeFileSync(destination, `${heading}${markdown}\n`);
}

function copyBytes(files: readonly Original[], copyRoot: string): number {
  return files.reduce((sum, file) => sum + statSync(join(copyRoot, file.relativePath)).size, 0);
}
