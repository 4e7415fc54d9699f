/**
 * The bookkeeping of the derived HNSW index in SQL: one state row saying which
 * log position (and which file) the saved index reflects, and the change log that
 * triggers fill while that row exists. Everything here is a short transaction;
 * the index itself is never written inside one.
 */
import { blobToVector } from './embedding-validation.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** The saved index as the database knows it. */
export interface HnswState {
  readonly generation: number;
  /** Log position the saved file reflects. */
  readonly changeSeq: number;
  /** Identity of the saved file (inode, size, mtime), null before the first save. */
  readonly fileFingerprint: string | null;
}

/** Vectors changed after a log position, read in one snapshot. */
export interface HnswDelta {
  /** State row as seen in the snapshot. */
  readonly state: HnswState | null;
  /** Last log position included. */
  readonly changeSeq: number;
  readonly removed: number[];
  readonly added: { ids: number[]; vectors: Float32Array[] };
  /** Number of stored vectors in the same snapshot. */
  readonly vectorCount: number;
}

export function readHnswState(statements: SqliteStatements): HnswState | null {
  const row = statements
    .prepare<{ generation: number; change_seq: number; file_fingerprint: string | null }>(
      'SELECT generation, change_seq, file_fingerprint FROM vector_index_state',
    )
    .get();
  if (row === undefined) return null;
  return {
    generation: row.generation,
    changeSeq: row.change_seq,
    fileFingerprint: row.file_fingerprint,
  };
}

/** Turns change logging on for `generation`, with no saved file yet. */
export function claimHnswState(statements: SqliteStatements, generation: number): HnswState {
  return statements.write(() => {
    const changeSeq = lastIssuedSeq(statements);
    statements
      .prepare(
        `INSERT OR REPLACE INTO vector_index_state (singleton, generation, change_seq, file_fingerprint)
         VALUES (1, ?, ?, NULL)`,
      )
      .run(generation, changeSeq);
    return { generation, changeSeq, fileFingerprint: null };
  });
}

/** Turns change logging off and forgets the saved file. */
export function dropHnswState(statements: SqliteStatements): void {
  statements.write(() => {
    statements.prepare('DELETE FROM vector_index_state').run();
    statements.prepare('DELETE FROM vector_changes').run();
  });
}

/**
 * Records a saved file reflecting `changeSeq` and prunes the log up to it, unless
 * another process has meanwhile claimed, reset or saved a newer file.
 */
export function recordHnswSave(
  statements: SqliteStatements,
  saved: { generation: number; changeSeq: number; fileFingerprint: string | null },
): boolean {
  return statements.write(() => {
    const updated = statements
      .prepare(
        `UPDATE vector_index_state SET change_seq = ?, file_fingerprint = ?
         WHERE generation = ? AND change_seq <= ?`,
      )
      .run(saved.changeSeq, saved.fileFingerprint, saved.generation, saved.changeSeq);
    if (updated.changes === 0) return false;
    statements.prepare('DELETE FROM vector_changes WHERE seq <= ?').run(saved.changeSeq);
    return true;
  });
}

/** The last log position ever issued (AUTOINCREMENT never goes back, even after pruning). */
export function lastIssuedSeq(statements: SqliteStatements): number {
  const row = statements
    .prepare<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'vector_changes'")
    .get();
  return row?.seq ?? 0;
}

/** Every stored vector in id order, in pages, for a full build. Call inside a read transaction. */
export function* iterateVectors(
  statements: SqliteStatements,
  pageSize: number,
): Generator<{ ids: number[]; vectors: Float32Array[] }> {
  let ids: number[] = [];
  let vectors: Float32Array[] = [];
  const rows = statements
    .prepare<{ chunk_id: number; vector: Buffer }>(
      'SELECT chunk_id, vector FROM embeddings ORDER BY chunk_id',
    )
    .iterate();
  for (const row of rows) {
    ids.push(row.chunk_id);
    vectors.push(blobToVector(row.vector));
    if (ids.length === pageSize) {
      yield { ids, vectors };
      ids = [];
      vectors = [];
    }
  }
  if (ids.length > 0) yield { ids, vectors };
}

/** The changes after `afterSeq`, with the state row and vector count of the same snapshot. */
export function readHnswDelta(statements: SqliteStatements, afterSeq: number): HnswDelta {
  return statements.read(() => {
    const changed = statements
      .prepare<{ id: number; vector: Buffer | null; last: number }>(
        `SELECT l.id, e.vector, l.last
         FROM (SELECT chunk_id AS id, max(seq) AS last FROM vector_changes WHERE seq > ? GROUP BY chunk_id) l
         LEFT JOIN embeddings e ON e.chunk_id = l.id`,
      )
      .all(afterSeq);
    let changeSeq = afterSeq;
    const removed: number[] = [];
    const added = { ids: [] as number[], vectors: [] as Float32Array[] };
    for (const row of changed) {
      changeSeq = Math.max(changeSeq, row.last);
      removed.push(row.id);
      if (row.vector !== null) {
        added.ids.push(row.id);
        added.vectors.push(blobToVector(row.vector));
      }
    }
    const vectorCount = statements
      .prepare<{ value: number }>("SELECT value FROM counters WHERE name = 'embeddings'")
      .get()?.value as number;
    return { state: readHnswState(statements), changeSeq, removed, added, vectorCount };
  });
}
