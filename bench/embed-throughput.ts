/**
 * Throughput of the offline hashing embedder, `hash:v2` against `hash:v1` side by side:
 * the chunk texts ingest would embed (chunked and titled as ingest does) of every
 * `--every`-th file of the Markdown bench corpus, or of the knowledge pack when the
 * corpus is not fetched. The versions alternate pass by pass on one thread; each keeps
 * its fastest and median pass. A digest of each version's vectors shows whether a change
 * kept them bit for bit. Not a test; run with
 * `node --import tsx bench/embed-throughput.ts [--every 4] [--passes 5]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { chunkDocument } from '../src/knowledge/chunk/chunk-document.js';
import { HashingVectorizer } from '../src/knowledge/embed/hashing/hashing-vectorizer.js';
import { embeddingTextOf } from '../src/knowledge/ingest/chunk-texts.js';
import { knowledgePackDirectory, markdownCorpusDirectory } from './corpus/corpus-locations.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { formatTable } from './lib/format-table.js';

const { values } = parseArgs({
  options: {
    every: { type: 'string', default: '4' },
    passes: { type: 'string', default: '5' },
  },
});
const every = parsePositiveInteger(values.every, 'every');
const passes = parsePositiveInteger(values.passes, 'passes');

function* markdownFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith('.md')) yield path;
  }
}

const root = existsSync(markdownCorpusDirectory) ? markdownCorpusDirectory : knowledgePackDirectory;
const texts: string[] = [];
let fileIndex = 0;
for (const path of markdownFiles(root)) {
  if (fileIndex++ % every !== 0) continue;
  const text = readFileSync(path, 'utf8');
  const title = path.slice(path.lastIndexOf('/') + 1);
  for (const draft of chunkDocument({ text, format: 'markdown', language: 'markdown', title })) {
    texts.push(embeddingTextOf({ ...draft, title }));
  }
}
const characters = texts.reduce((sum, text) => sum + text.length, 0);

const versions = [
  { id: 'hash:v1 (baseline)', vectorizer: new HashingVectorizer(384, 1), times: [] as number[] },
  { id: 'hash:v2', vectorizer: new HashingVectorizer(384, 2), times: [] as number[] },
];
const digests = versions.map(({ vectorizer }) => {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(vectorizer.vectorize(text));
  return hash.digest('hex').slice(0, 16);
});
for (let pass = 0; pass < passes; pass += 1) {
  for (const version of versions) {
    const started = performance.now();
    for (const text of texts) version.vectorizer.vectorize(text);
    version.times.push(performance.now() - started);
  }
}

const median = (times: number[]): number =>
  [...times].sort((left, right) => left - right)[Math.floor(times.length / 2)] ?? 0;
console.log(
  `${texts.length} chunk texts, ${(characters / 1e6).toFixed(2)} M characters, from every ` +
    `${every}th Markdown file of ${root}; 384 dimensions, ${passes} passes after one warm-up pass.`,
);
console.log(
  formatTable(
    ['version', 'fastest ms', 'median ms', 'M characters/s (fastest)', 'vector digest'],
    versions.map((version, index) => [
      version.id,
      Math.min(...version.times).toFixed(0),
      median(version.times).toFixed(0),
      (characters / 1e3 / Math.min(...version.times)).toFixed(1),
      digests[index] ?? '',
    ]),
  ),
);
