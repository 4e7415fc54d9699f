/**
 * Prepares both benchmark corpora (fetching and building what is missing) and
 * describes them. Run directly to fetch ahead of a bench run:
 * `node --import tsx bench/corpus/prepare-corpora.ts`.
 */
import { pathToFileURL } from 'node:url';

import { formatTable } from '../lib/format-table.js';
import { buildMarkdownCorpus, type MarkdownCorpus } from './build-markdown-corpus.js';
import { compositionOf, type CompositionRow, walkFiles } from './corpus-files.js';
import {
  debianDocumentationPackages,
  debianPackageDirectory,
  knowledgePackDirectory,
  markdownCorpusDirectory,
  mixedCorpusDirectory,
} from './corpus-locations.js';
import { fetchDebianDocs } from './fetch-debian-docs.js';

/** The mixed corpus: every file of the extracted packages. */
export interface MixedCorpus {
  readonly root: string;
  readonly packages: readonly string[];
  readonly files: number;
  readonly bytes: number;
  readonly composition: readonly CompositionRow[];
}

/** Both corpora, ready on disk. */
export interface Corpora {
  readonly mixed: MixedCorpus;
  readonly markdown: MarkdownCorpus;
}

/** Smallest Markdown corpus, in bytes (50 MB, as for every ingest corpus of the issue). */
export const markdownCorpusMinimumBytes = 50_000_000;

/** Fetches, extracts and builds whatever is missing, then describes the corpora. */
export function prepareCorpora(): Corpora {
  fetchDebianDocs(debianDocumentationPackages, debianPackageDirectory, mixedCorpusDirectory);
  const files = walkFiles(mixedCorpusDirectory);
  const composition = compositionOf(files);
  const mixed: MixedCorpus = {
    root: mixedCorpusDirectory,
    packages: debianDocumentationPackages,
    files: files.length,
    bytes: composition.reduce((sum, row) => sum + row.bytes, 0),
    composition,
  };
  const markdown = buildMarkdownCorpus({
    sources: [
      { label: 'debian', root: mixedCorpusDirectory },
      { label: 'knowledge-pack', root: knowledgePackDirectory },
    ],
    target: markdownCorpusDirectory,
    minimumBytes: markdownCorpusMinimumBytes,
  });
  return { mixed, markdown };
}

/** The composition of the corpora as printable tables. */
export function describeCorpora(corpora: Corpora): string {
  const { mixed, markdown } = corpora;
  const megabytes = (bytes: number): number => bytes / 1_000_000;
  const top = mixed.composition.slice(0, 10);
  const rest = mixed.composition.slice(10);
  const rows: (string | number)[][] = top.map((row) => [row.kind, row.files, megabytes(row.bytes)]);
  if (rest.length > 0) {
    rows.push([
      `${rest.length} other kinds`,
      rest.reduce((sum, row) => sum + row.files, 0),
      megabytes(rest.reduce((sum, row) => sum + row.bytes, 0)),
    ]);
  }
  rows.push(['total', mixed.files, megabytes(mixed.bytes)]);
  return [
    `Mixed corpus (${mixed.packages.join(', ')}; extracted, .gz files gunzipped):`,
    '',
    formatTable(['kind', 'files', 'MB'], rows),
    '',
    `Markdown corpus: ${markdown.distinctFiles} distinct Markdown files ` +
      `(${megabytes(markdown.distinctBytes).toFixed(2)} MB: the Markdown of those packages and knowledge-pack/, ` +
      `plus ${markdown.convertedFiles} HTML manual pages converted once to Markdown, ` +
      `${megabytes(markdown.convertedBytes).toFixed(2)} MB), ` +
      `replicated ${markdown.copies} times under distinct paths = ${markdown.files} files, ` +
      `${megabytes(markdown.bytes).toFixed(2)} MB.`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeCorpora(prepareCorpora()));
}
