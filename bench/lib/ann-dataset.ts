/**
 * Datasets for approximate-nearest-neighbour benchmarks: indexed vectors,
 * held-out queries and their exact top-k (found by brute force, which also
 * gives the exact search's own speed), and the binary files other processes
 * (the Python baselines, worker processes) read them from.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { exactTopK } from './exact-top-k.js';
import { writeFloat32File } from './float32-file.js';
import { rowOf } from './unit-vectors.js';

/** Vectors, queries and the truth about them. */
export interface AnnDataset {
  readonly name: string;
  readonly dimensions: number;
  readonly data: Float32Array;
  readonly queries: Float32Array;
  /** Exact top-k rows of `data` for each query, best first. */
  readonly truth: readonly Int32Array[];
  /** Milliseconds per exact query (one thread, plain JavaScript). */
  readonly exactLatencies: readonly number[];
}

/** Where {@link writeAnnFiles} put the dataset. */
export interface AnnFiles {
  readonly dataPath: string;
  readonly queriesPath: string;
  readonly truthPath: string;
}

/** Computes the exact top-`k` for every query and times each scan. */
export function withGroundTruth(
  name: string,
  dimensions: number,
  data: Float32Array,
  queries: Float32Array,
  k: number,
): AnnDataset {
  const queryCount = Math.floor(queries.length / dimensions);
  const truth: Int32Array[] = [];
  const exactLatencies: number[] = [];
  for (let query = 0; query < queryCount; query++) {
    const start = performance.now();
    truth.push(exactTopK(data, rowOf(queries, query, dimensions), k).rows);
    exactLatencies.push(performance.now() - start);
  }
  return { name, dimensions, data, queries, truth, exactLatencies };
}

/**
 * Writes data and queries as float32 little endian and the truth as int32
 * little endian (one row of k per query) under `directory`.
 */
export function writeAnnFiles(dataset: AnnDataset, directory: string): AnnFiles {
  mkdirSync(directory, { recursive: true });
  const base = join(directory, dataset.name.replaceAll(/[^a-z0-9-]+/gi, '-'));
  const files = {
    dataPath: `${base}.data.f32`,
    queriesPath: `${base}.queries.f32`,
    truthPath: `${base}.truth.i32`,
  };
  writeFloat32File(files.dataPath, dataset.data);
  writeFloat32File(files.queriesPath, dataset.queries);
  const k = dataset.truth[0]?.length ?? 0;
  const truth = Buffer.alloc(dataset.truth.length * k * 4);
  dataset.truth.forEach((rows, query) =>
    rows.forEach((row, position) => truth.writeInt32LE(row, (query * k + position) * 4)),
  );
  writeFileSync(files.truthPath, truth);
  return files;
}

/** Reads a truth file written by {@link writeAnnFiles}: `k` rows per query. */
export function readTruthFile(path: string, k: number): Int32Array[] {
  const bytes = readFileSync(path);
  const queryCount = bytes.length / 4 / k;
  return Array.from({ length: queryCount }, (_, query) =>
    Int32Array.from({ length: k }, (_, position) => bytes.readInt32LE((query * k + position) * 4)),
  );
}
