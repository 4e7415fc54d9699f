/**
 * Exact vector search speed: sqlite-vec's scan over the embeddings table (the
 * store's exact path before) against an in-memory copy scanned by usearch's
 * native `exactSearch` (f32 and per-vector int8) and a plain JavaScript loop.
 * Prints p50/p95 per size, to place the store's HNSW threshold where exact
 * search and HNSW cross over.
 *
 *   node --import tsx bench/exact-scan.ts [--sizes 1000,2500,5000,10000,20000] [--queries 200]
 */
import { parseArgs } from 'node:util';

import { loadNativeExactSearch } from '../src/storage/vector/usearch-binding.js';
import { packVectors } from '../src/storage/vector/vector-packing.js';
import { gaussianDataset } from './lib/ann-synthetic-datasets.js';
import { parsePositiveInteger, parsePositiveIntegerList } from './lib/cli-options.js';
import { exactTopK } from './lib/exact-top-k.js';
import { formatTable } from './lib/format-table.js';
import { formatLoadAverage } from './lib/load-average.js';
import { percentiles } from './lib/percentiles.js';
import { measureSqliteVectorScan } from './lib/sqlite-vector-scan.js';
import { rowOf } from './lib/unit-vectors.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,2500,5000,10000,20000' },
    queries: { type: 'string', default: '200' },
  },
});
const sizes = parsePositiveIntegerList(values.sizes, 'sizes');
const queryCount = parsePositiveInteger(values.queries, 'queries');
const dimensions = 384;
const largest = Math.max(...sizes);
const loadBefore = formatLoadAverage();
const dataset = gaussianDataset(largest, dimensions, queryCount, 10);
const exactSearch = loadNativeExactSearch();

function timeQueries(run: (query: Float32Array) => void): {
  p50: number;
  p95: number;
  cpuMs: number;
} {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let query = 0; query < queryCount; query++) {
    const vector = rowOf(dataset.queries, query, dimensions);
    const start = performance.now();
    run(vector);
    latencies.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const [p50 = Number.NaN, p95 = Number.NaN] = percentiles(latencies, [50, 95]);
  return { p50, p95, cpuMs: (cpu.user + cpu.system) / 1000 / queryCount };
}

const rows: (string | number)[][] = [];
const sqlite = measureSqliteVectorScan(
  dataset.data,
  dataset.queries,
  dimensions,
  sizes,
  queryCount,
);
for (const size of sizes) {
  const data = dataset.data.slice(0, size * dimensions);
  const vectors = Array.from({ length: size }, (_, row) => rowOf(data, row, dimensions));
  const int8 = packVectors(vectors, dimensions, 'i8', String) as Int8Array;
  const scanned = sqlite.find((timing) => timing.rows === size);
  const engines: [string, (query: Float32Array) => void][] = [
    [
      'usearch exactSearch f32',
      (query) => exactSearch(data, query.slice(), dimensions, 10, 'cos', 1),
    ],
    [
      'usearch exactSearch i8',
      (query) =>
        exactSearch(int8, packVectors([query], dimensions, 'i8', String), dimensions, 10, 'cos', 1),
    ],
    ['JS loop f32', (query) => exactTopK(data, query, 10)],
  ];
  if (scanned !== undefined) {
    rows.push([
      size,
      'sqlite-vec vec_distance_cosine',
      scanned.p50Milliseconds.toFixed(3),
      scanned.p95Milliseconds.toFixed(3),
      '',
    ]);
  }
  for (const [name, run] of engines) {
    const timing = timeQueries(run);
    rows.push([size, name, timing.p50.toFixed(3), timing.p95.toFixed(3), timing.cpuMs.toFixed(3)]);
  }
}
console.log(
  `Load average: ${loadBefore} before, ${formatLoadAverage()} after; ${queryCount} queries, top-10, 384 dims, one thread`,
);
console.log(formatTable(['vectors', 'engine', 'p50 ms', 'p95 ms', 'CPU ms/query'], rows));
