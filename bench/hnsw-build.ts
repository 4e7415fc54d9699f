/**
 * HNSW build speed against recall: builds Archon's usearch index over the same
 * vectors with a grid of graph settings and add-batch sizes, and reports
 * vectors per second (wall and CPU), recall@10 at the default expansionSearch
 * and single-thread queries per second. Picks the build settings for the store.
 *
 *   node --import tsx bench/hnsw-build.ts [--size 50000] [--queries 200]
 *     [--variants hashing,gaussian] [--grid 32:128,32:64,16:64,...] [--batches 1024,0]
 *     [--threads 0]
 *
 * `--batches 0` means one add call for all vectors; `--threads 0` lets usearch
 * use every core.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { createNativeIndex } from '../src/storage/vector/usearch-binding.js';
import { usearchDefaults } from '../src/storage/vector/usearch-defaults.js';
import { packVectors } from '../src/storage/vector/vector-packing.js';
import type { AnnDataset } from './lib/ann-dataset.js';
import { gaussianDataset, hashingDataset } from './lib/ann-synthetic-datasets.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { formatTable } from './lib/format-table.js';
import { formatLoadAverage } from './lib/load-average.js';
import { recallAtK } from './lib/recall.js';
import { rowCount, rowOf } from './lib/unit-vectors.js';

const k = 10;
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '200' },
    variants: { type: 'string', default: 'hashing,gaussian' },
    grid: { type: 'string', default: '32:128,32:64,24:64,16:128,16:64,16:32' },
    batches: { type: 'string', default: '1024,0' },
    threads: { type: 'string', default: '0' },
  },
});
const size = parsePositiveInteger(values.size, 'size');
const queryCount = parsePositiveInteger(values.queries, 'queries');
const threads = Number(values.threads);
const grid = values.grid.split(',').map((pair) => pair.split(':').map(Number) as [number, number]);
const batches = values.batches.split(',').map(Number);

interface Row {
  readonly [column: string]: string | number;
}

function measure(
  dataset: AnnDataset,
  connectivity: number,
  expansionAdd: number,
  batch: number,
): Row {
  const { dimensions, data } = dataset;
  const count = rowCount(data, dimensions);
  const vectors = Array.from({ length: count }, (_, row) => rowOf(data, row, dimensions));
  const index = createNativeIndex(
    dimensions,
    'i8',
    connectivity,
    expansionAdd,
    usearchDefaults.expansionSearch,
  );
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const step = batch === 0 ? count : batch;
  for (let from = 0; from < count; from += step) {
    const to = Math.min(count, from + step);
    const packed = packVectors(vectors.slice(from, to), dimensions, 'i8', String);
    const keys = new BigUint64Array(to - from);
    for (let offset = 0; offset < keys.length; offset++) keys[offset] = BigInt(from + offset);
    index.add(keys, packed, threads);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const found: Int32Array[] = [];
  const queryStart = performance.now();
  const queryTotal = rowCount(dataset.queries, dimensions);
  for (let query = 0; query < queryTotal; query++) {
    const packed = packVectors(
      [rowOf(dataset.queries, query, dimensions)],
      dimensions,
      'i8',
      String,
    );
    const [keys, , counts] = index.search(packed, k, 1);
    found.push(Int32Array.from(keys.subarray(0, Number(counts[0])), (key) => Number(key)));
  }
  const querySeconds = (performance.now() - queryStart) / 1000;
  return {
    data: dataset.name,
    'M:efAdd': `${connectivity}:${expansionAdd}`,
    batch: batch === 0 ? 'all' : batch,
    'build s': seconds.toFixed(2),
    'CPU s': cpuSeconds.toFixed(2),
    'vectors/s': Math.round(count / seconds),
    'vectors/CPU s': Math.round(count / cpuSeconds),
    'recall@10 ef128': recallAtK(dataset.truth, found, k).toFixed(4),
    'queries/s': Math.round(queryTotal / querySeconds),
    load: loadavg()[0]!.toFixed(2),
  };
}

const rows: Row[] = [];
for (const variant of values.variants.split(',')) {
  const dataset =
    variant === 'gaussian'
      ? gaussianDataset(size, 384, queryCount, k)
      : await hashingDataset({ size, dimensions: 384, queryCount, k });
  for (const [connectivity, expansionAdd] of grid) {
    for (const batch of batches) {
      rows.push(measure(dataset, connectivity, expansionAdd, batch));
      console.error(JSON.stringify(rows.at(-1)));
    }
  }
}
console.log(`Load average before/after: see rows; now ${formatLoadAverage()}`);
console.log(
  formatTable(
    Object.keys(rows[0] ?? {}),
    rows.map((row) => Object.values(row).map(String)),
  ),
);
