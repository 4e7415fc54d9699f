/**
 * The bookkeeping of the derived HNSW index in SQL: one state row saying which
 * log position (and which file) the saved index reflects, the tombstones saved
 * with that file, and the change log that triggers fill while the row exists.
 * Everything here is a short transaction; the index itself is never written
 * inside one.
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
  /** Chunks that got their first vector: add them. */
  readonly added: { readonly ids: number[]; readonly vectors: Float32Array[] };
  /** Chunks seen earlier whose vector is gone: tombstone them (or drop them from the delta). */
  readonly deleted: number[];
  /** Chunks seen earlier whose vector changed: a rebuild, unless they are still in the delta. */
  readonly updated: { readonly ids: number[]; readonly vectors: Float32Array[] };
  /** Number of stored vectors in the same snapshot. */
  readonly vectorCount: number;
}

type ChangeKind = 'insert' | 'update' | 'delete';

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

/** The state row and the tombstones saved with its file, from one snapshot. */
export function readSavedIndex(statements: SqliteStatements): {
  state: HnswState | null;
  tombstones: Set<number>;
} {
  return statements.read(() => ({
    state: readHnswState(statements),
    tombstones: new Set(
      statements.prepareValue<number>('SELECT chunk_id FROM vector_index_tombstones').all(),
    ),
  }));
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
    statements.prepare('DELETE FROM vector_index_tombstones').run();
    return { generation, changeSeq, fileFingerprint: null };
  });
}

/** Turns change logging off and forgets the saved file. Runs inside the caller's transaction if any. */
export function dropHnswState(statements: SqliteStatements): void {
  statements.write(() => {
    statements.prepare('DELETE FROM vector_index_state').run();
    statements.prepare('DELETE FROM vector_index_tombstones').run();
    statements.prepare('DELETE FROM vector_changes').run();
  });
}

/**
 * Records a saved file reflecting `saved.changeSeq` with its tombstones, and prunes
 * the log up to it, unless another process has meanwhile claimed, reset or saved
 * a newer file. Returns whether it recorded.
 */
export function recordHnswSave(
  statements: SqliteStatements,
  saved: HnswState,
  tombstones: ReadonlySet<number>,
): boolean {
  return statements.write(() => {
    const updated = statements
      .prepare(
        `UPDATE vector_index_state SET change_seq = ?, file_fingerprint = ?
         WHERE generation = ? AND change_seq <= ?`,
      )
      .run(saved.changeSeq, saved.fileFingerprint, saved.generation, saved.changeSeq);
    if (updated.changes === 0) return false;
    statements.prepare('DELETE FROM vector_index_tombstones').run();
    const insert = statements.prepare('INSERT INTO vector_index_tombstones (chunk_id) VALUES (?)');
    for (const id of tombstones) insert.run(id);
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

/**
 * The changes after `afterSeq`, classified by the first change each chunk saw in
 * the window: a chunk first inserted in it was not in the index yet, any other
 * was. Read with the state row and the vector count in one snapshot.
 */
export function readHnswDelta(statements: SqliteStatements, afterSeq: number): HnswDelta {
  return statements.read(() => {
    const firstKinds = new Map<number, ChangeKind>();
    let changeSeq = afterSeq;
    const log = statements
      .prepare<{ seq: number; chunk_id: number; kind: ChangeKind }>(
        'SELECT seq, chunk_id, kind FROM vector_changes WHERE seq > ? ORDER BY seq',
      )
      .iterate(afterSeq);
    for (const row of log) {
      changeSeq = row.seq;
      if (!firstKinds.has(row.chunk_id)) firstKinds.set(row.chunk_id, row.kind);
    }
    const current = statements
      .prepare<{ chunk_id: number; vector: Buffer }>(
        'SELECT chunk_id, vector FROM embeddings WHERE chunk_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify([...firstKinds.keys()]));
    const vectors = new Map(current.map((row) => [row.chunk_id, row.vector]));
    const added = { ids: [] as number[], vectors: [] as Float32Array[] };
    const updated = { ids: [] as number[], vectors: [] as Float32Array[] };
    const deleted: number[] = [];
    for (const [id, first] of firstKinds) {
      const vector = vectors.get(id);
      if (vector === undefined) {
        if (first !== 'insert') deleted.push(id);
        continue;
      }
      const target = first === 'insert' ? added : updated;
      target.ids.push(id);
      target.vectors.push(blobToVector(vector));
    }
    const vectorCount = statements
      .prepareValue<number>("SELECT value FROM counters WHERE name = 'embeddings'")
      .get() as number;
    return {
      state: readHnswState(statements),
      changeSeq,
      added,
      deleted,
      updated,
      vectorCount,
    };
  });
}
