/**
 * The vector side of ingest, through the real SQLite store: the cost of writing
 * vectors (writeDocument with and without them is not separable here, so the
 * write time is reported whole), a search right after the ingest (graph + exact
 * delta), and `prepareVectorIndex` (the HNSW extension) done at once or in
 * slices, with the event-loop delay a timer observes meanwhile. Vectors come
 * from the offline hashing embedder on seeded topic text. Each row uses a
 * fresh store: a base of `--base` vectors indexed first, then `--delta` more.
 *
 *   node --import tsx bench/refresh-slices.ts [--base 20000] [--delta 20000] [--slices 0,1024,256]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import type { ChunkWrite } from '../src/core/knowledge-store.js';
import { SqliteKnowledgeStore } from '../src/storage/sqlite/sqlite-knowledge-store.js';
import { hashingDataset } from './lib/ann-synthetic-datasets.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { formatTable } from './lib/format-table.js';
import { formatLoadAverage } from './lib/load-average.js';
import { rowOf } from './lib/unit-vectors.js';

const dimensions = 384;
const { values } = parseArgs({
  options: {
    base: { type: 'string', default: '20000' },
    delta: { type: 'string', default: '20000' },
    slices: { type: 'string', default: '0,1024,256' },
  },
});
const base = parsePositiveInteger(values.base, 'base');
const delta = parsePositiveInteger(values.delta, 'delta');
const slices = values.slices.split(',').map(Number);
// Vectors of the offline hashing embedder on topic text, as ingest makes them.
const dataset = await hashingDataset({ size: base + delta, dimensions, queryCount: 60, k: 10 });
let nextRow = 0;
let nextQuery = 0;
function unitVector(): Float32Array {
  const row = nextRow++ % (base + delta);
  return rowOf(dataset.data, row, dimensions);
}
function queryVector(): Float32Array {
  return rowOf(dataset.queries, nextQuery++ % 60, dimensions);
}

function chunkWrite(ordinal: number): ChunkWrite {
  const text = `passage ${ordinal}`;
  return {
    draft: {
      ordinal,
      kind: 'text',
      text,
      headingPath: [],
      startLine: 1,
      endLine: 2,
      language: 'markdown',
      tokenCount: 2,
      context: '',
    },
    lexical: { title: '', headings: '', body: text },
    vector: unitVector(),
  };
}

async function writeVectors(
  store: SqliteKnowledgeStore,
  sourceId: string,
  from: number,
  count: number,
) {
  for (let start = 0; start < count; start += 20) {
    const chunks = Array.from({ length: Math.min(20, count - start) }, (_, ordinal) =>
      chunkWrite(ordinal),
    );
    await store.writeDocument({
      sourceId,
      uri: `doc-${from + start}.md`,
      title: 't',
      contentHash: String(from + start),
      language: 'markdown',
      bytes: 1,
      tags: [],
      chunks,
    });
  }
}

function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

const rows: (string | number)[][] = [];
const loadBefore = formatLoadAverage();
for (const slice of slices) {
  const directory = mkdtempSync(join(tmpdir(), 'archon-refresh-'));
  const store = new SqliteKnowledgeStore({ path: join(directory, 'bench.db') });
  try {
    nextRow = 0;
    await store.open();
    await store.pinEmbeddingSpec({ modelId: 'bench', dimensions });
    const source = await store.upsertSource({
      name: 'bench',
      kind: 'files',
      locations: ['/'],
      tags: [],
    });
    await writeVectors(store, source.id, 0, base);
    await store.prepareVectorIndex();
    const writeStart = performance.now();
    const writeCpu = process.cpuUsage();
    await writeVectors(store, source.id, base, delta);
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const writeCpuSeconds = cpuSecondsSince(writeCpu);
    const searchStart = performance.now();
    await store.vectorSearch({ vector: queryVector(), limit: 10 });
    const firstSearch = performance.now() - searchStart;
    const searchTimes: number[] = [];
    for (let query = 0; query < 50; query++) {
      const start = performance.now();
      await store.vectorSearch({ vector: queryVector(), limit: 10 });
      searchTimes.push(performance.now() - start);
    }
    searchTimes.sort((left, right) => left - right);
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const refreshCpu = process.cpuUsage();
    const refreshStart = performance.now();
    await store.prepareVectorIndex(
      slice === 0
        ? {}
        : { sliceSize: slice, pause: () => new Promise((resolve) => setImmediate(resolve)) },
    );
    const refreshSeconds = (performance.now() - refreshStart) / 1000;
    const refreshCpuSeconds = cpuSecondsSince(refreshCpu);
    histogram.disable();
    rows.push([
      slice === 0 ? 'all at once' : slice,
      writeSeconds.toFixed(2),
      writeCpuSeconds.toFixed(2),
      firstSearch.toFixed(1),
      (searchTimes[25] ?? 0).toFixed(2),
      refreshSeconds.toFixed(2),
      refreshCpuSeconds.toFixed(2),
      Math.round(delta / refreshSeconds),
      (histogram.max / 1e6).toFixed(0),
      (histogram.percentile(99) / 1e6).toFixed(0),
    ]);
    console.error(JSON.stringify(rows.at(-1)));
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
console.log(
  `Base ${base} vectors indexed, then ${delta} written (384 dims, 20 per document, default store settings). ` +
    `Load average ${loadBefore} before, ${formatLoadAverage()} after.`,
);
console.log(
  formatTable(
    [
      'slice',
      'write delta s',
      'write CPU s',
      'first search ms',
      'search p50 ms (graph + delta)',
      'refresh s',
      'refresh CPU s',
      'vectors/s',
      'loop delay max ms',
      'loop delay p99 ms',
    ],
    rows,
  ),
);
