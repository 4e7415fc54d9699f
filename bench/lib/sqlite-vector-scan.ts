/**
 * How fast SQLite answers an exact cosine top-k with sqlite-vec's
 * `vec_distance_cosine`, the way the knowledge store scans below its HNSW
 * threshold: one table of float32 BLOBs, `ORDER BY distance LIMIT k`. The
 * result says where an exact scan stops being cheap enough for interactive
 * search, which is where the store should switch to the HNSW index.
 */
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

import { percentiles } from './percentiles.js';
import { rowOf } from './unit-vectors.js';

/** Latency of the exact scan over the first `rows` vectors. */
export interface SqliteScanTiming {
  readonly rows: number;
  readonly p50Milliseconds: number;
  readonly p95Milliseconds: number;
  /** Vectors scanned per second at the median. */
  readonly vectorsPerSecond: number;
}

/**
 * Loads `data` (flat unit vectors) into an in-memory SQLite table in steps and,
 * at each of `rowCounts`, times `queryCount` top-10 scans with rows of `queries`.
 */
export function measureSqliteVectorScan(
  data: Float32Array,
  queries: Float32Array,
  dimensions: number,
  rowCounts: readonly number[],
  queryCount: number,
): SqliteScanTiming[] {
  const database = new Database(':memory:');
  try {
    database.pragma('cache_size = -262144');
    sqliteVec.load(database);
    database.exec('CREATE TABLE embeddings (chunk_id INTEGER PRIMARY KEY, vector BLOB NOT NULL)');
    const insert = database.prepare('INSERT INTO embeddings (chunk_id, vector) VALUES (?, ?)');
    const insertRange = database.transaction((from: number, to: number) => {
      for (let row = from; row < to; row++) insert.run(row, blobOf(rowOf(data, row, dimensions)));
    });
    const scan = database.prepare(
      'SELECT chunk_id AS id, vec_distance_cosine(vector, ?) AS distance FROM embeddings ORDER BY distance LIMIT 10',
    );
    const timings: SqliteScanTiming[] = [];
    let loaded = 0;
    for (const rows of [...rowCounts].sort((left, right) => left - right)) {
      insertRange(loaded, rows);
      loaded = rows;
      const queryTotal = Math.floor(queries.length / dimensions);
      scan.all(blobOf(rowOf(queries, 0, dimensions))); // warm the page cache
      const latencies: number[] = [];
      for (let query = 0; query < queryCount; query++) {
        const blob = blobOf(rowOf(queries, query % queryTotal, dimensions));
        const start = performance.now();
        scan.all(blob);
        latencies.push(performance.now() - start);
      }
      const [p50 = Number.NaN, p95 = Number.NaN] = percentiles(latencies, [50, 95]);
      timings.push({
        rows,
        p50Milliseconds: p50,
        p95Milliseconds: p95,
        vectorsPerSecond: (rows / p50) * 1000,
      });
    }
    return timings;
  } finally {
    database.close();
  }
}

function blobOf(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
