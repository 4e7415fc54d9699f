/**
 * Measures Archon's usearch index (src/storage/vector) on an ANN dataset, in
 * two steps meant for fresh worker processes (so memory readings are their
 * own): `buildUsearch` builds through the VectorIndex contract and saves;
 * `queryUsearch` loads the saved file and times searches through the contract
 * at the default settings (plain and filtered) and, on the raw native index,
 * a sweep of expansionSearch values (usearch fixes expansion at construction,
 * so each value is a fresh load of the same file).
 */
import { statSync } from 'node:fs';

import type { VectorIndex } from '../../src/core/vector-index.js';
import { createNativeIndex } from '../../src/storage/vector/usearch-binding.js';
import { usearchDefaults } from '../../src/storage/vector/usearch-defaults.js';
import { createUsearchIndex, loadUsearchIndex } from '../../src/storage/vector/usearch-index.js';
import { packVectors } from '../../src/storage/vector/vector-packing.js';
import type { AnnFiles } from './ann-dataset.js';
import { readTruthFile } from './ann-dataset.js';
import type { AnnReport, AnnSetting } from './ann-report.js';
import { exactTopK } from './exact-top-k.js';
import { readFloat32File } from './float32-file.js';
import { measureMemory } from './memory.js';
import { percentiles } from './percentiles.js';
import { recallAtK } from './recall.js';
import { fastestOfPasses, timed } from './timing.js';
import { rowCount, rowOf } from './unit-vectors.js';

/** What to build or query. */
export interface UsearchRunOptions {
  readonly files: AnnFiles;
  readonly dimensions: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
  /** Where the index file is saved and loaded from. */
  readonly indexPath: string;
  readonly efValues: readonly number[];
  /** Query passes per setting; the fastest counts. */
  readonly passes: number;
  readonly k: number;
  /** Share of ids the filtered search accepts (every n-th id); 0 skips it. */
  readonly filterShare: number;
}

/** Build facts: the report has no settings yet. */
export interface UsearchBuildResult {
  readonly report: AnnReport;
  readonly fileBytes: number;
  readonly saveSeconds: number;
}

/** Query facts for one round. */
export interface UsearchQueryResult {
  readonly reports: AnnReport[];
  readonly loadSeconds: number;
  /** Resident memory added by loading the saved index (the store's steady state). */
  readonly loadedMemoryBytes: number;
}

const addBatchSize = 10_000;

/** Builds the index from the data file in batches of 10,000 and saves it. */
export function buildUsearch(options: UsearchRunOptions): UsearchBuildResult {
  const { dimensions, quantization } = options;
  const data = readFloat32File(options.files.dataPath);
  const count = rowCount(data, dimensions);
  const before = measureMemory().rssBytes;
  const build = timed(() => {
    const index = createUsearchIndex({ dimensions, quantization });
    for (let start = 0; start < count; start += addBatchSize) {
      const ids = Array.from(
        { length: Math.min(count, start + addBatchSize) - start },
        (_, offset) => start + offset,
      );
      index.add(
        ids,
        ids.map((row) => rowOf(data, row, dimensions)),
      );
    }
    return index;
  });
  const memoryBytes = measureMemory().rssBytes - before;
  const save = timed(() => build.result.save(options.indexPath));
  return {
    report: {
      engine: engineName(quantization, 'VectorIndex'),
      buildSeconds: build.seconds,
      memoryBytes,
      settings: [],
    },
    fileBytes: statSync(options.indexPath).size,
    saveSeconds: save.seconds,
  };
}

/** Loads the saved index and times every query setting once (one round). */
export function queryUsearch(options: UsearchRunOptions): UsearchQueryResult {
  const { dimensions, k, passes, quantization } = options;
  const queries = readFloat32File(options.files.queriesPath);
  const truth = readTruthFile(options.files.truthPath, k);
  const queryRows = Array.from({ length: rowCount(queries, dimensions) }, (_, query) =>
    rowOf(queries, query, dimensions),
  );

  const before = measureMemory().rssBytes;
  const load = timed(() => loadUsearchIndex(options.indexPath, dimensions));
  const loadedMemoryBytes = measureMemory().rssBytes - before;
  const index = load.result;
  const reports: AnnReport[] = [
    report(engineName(quantization, 'VectorIndex'), [
      measureSetting(`ef=${usearchDefaults.expansionSearch}`, passes, truth, k, (query) =>
        index.search(queryRows[query]!, k).map((match) => match.id),
      ),
    ]),
  ];
  if (options.filterShare > 0) {
    const step = Math.max(1, Math.round(1 / options.filterShare));
    reports.push(
      report(engineName(quantization, `VectorIndex, accept 1/${step}`), [
        measureFiltered(index, queryRows, options, step),
      ]),
    );
  }
  const packedQueries = packVectors(queryRows, dimensions, quantization, (row) => `query ${row}`);
  const sweep = options.efValues.map((ef) => {
    const native = createNativeIndex(
      dimensions,
      quantization,
      usearchDefaults.connectivity,
      usearchDefaults.expansionAdd,
      ef,
    );
    native.load(options.indexPath);
    return measureSetting(`ef=${ef}`, passes, truth, k, (query) => {
      const [keys, , counts] = native.search(
        packedQueries.subarray(query * dimensions, (query + 1) * dimensions),
        k,
        1,
      );
      return Array.from(keys.subarray(0, Number(counts[0])), Number);
    });
  });
  reports.push(report(engineName(quantization, 'native'), sweep));
  return { reports, loadSeconds: load.seconds, loadedMemoryBytes };
}

function engineName(quantization: string, variant: string): string {
  return `usearch ${quantization} (${variant})`;
}

function report(engine: string, settings: AnnSetting[]): AnnReport {
  return { engine, buildSeconds: Number.NaN, memoryBytes: Number.NaN, settings };
}

/** Times one query loop (after an untimed pass that lets V8 optimize the path) and scores its answers. */
function measureSetting(
  label: string,
  passes: number,
  truth: readonly Int32Array[],
  k: number,
  search: (query: number) => number[],
): AnnSetting {
  const found: number[][] = new Array<number[]>(truth.length);
  for (let query = 0; query < truth.length; query++) search(query);
  const timing = fastestOfPasses(passes, truth.length, (query) => {
    found[query] = search(query);
  });
  const [p50, p99] = percentiles(timing.latencies, [50, 99]);
  return {
    label,
    queriesPerSecond: timing.perSecond,
    recall: recallAtK(truth, found, k),
    ...(p50 === undefined ? {} : { p50Milliseconds: p50 }),
    ...(p99 === undefined ? {} : { p99Milliseconds: p99 }),
  };
}

/** Filtered search accepting every `step`-th id, scored against an exact scan of just those ids. */
function measureFiltered(
  index: VectorIndex,
  queryRows: readonly Float32Array[],
  options: UsearchRunOptions,
  step: number,
): AnnSetting {
  const { dimensions, k } = options;
  const data = readFloat32File(options.files.dataPath);
  const acceptedRows = Array.from(
    { length: Math.ceil(rowCount(data, dimensions) / step) },
    (_, position) => position * step,
  );
  const subset = new Float32Array(acceptedRows.length * dimensions);
  acceptedRows.forEach((row, position) =>
    subset.set(rowOf(data, row, dimensions), position * dimensions),
  );
  const truth = queryRows.map((query) =>
    Int32Array.from(exactTopK(subset, query, k).rows, (row) => acceptedRows[row]!),
  );
  return measureSetting(
    `ef=${usearchDefaults.expansionSearch}`,
    options.passes,
    truth,
    k,
    (query) => index.search(queryRows[query]!, k, (id) => id % step === 0).map((match) => match.id),
  );
}
