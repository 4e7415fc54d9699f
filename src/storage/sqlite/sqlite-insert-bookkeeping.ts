/**
 * What the insert triggers used to do, done once per write by the code that inserts
 * chunks and vectors (migration 5 explains why): count them, bump the content
 * version, and log inserted vectors while an HNSW index is in use. Callers run it in
 * the same transaction as their inserts.
 */
import type { SqliteStatements } from './sqlite-statements.js';

/** Books `count` chunks inserted with their vectors, all of them for `documentIds`. */
export function recordInsertedChunks(
  statements: SqliteStatements,
  documentIds: readonly string[],
  count: number,
): void {
  if (count === 0) return;
  addToCounter(statements, 'chunks', count);
  addToCounter(statements, 'embeddings', count);
  if (vectorChangesAreLogged(statements)) {
    const log = statements.prepare(
      `INSERT INTO vector_changes (chunk_id, kind)
       SELECT id, 'insert' FROM chunks WHERE document_id = ? ORDER BY id`,
    );
    for (const documentId of documentIds) log.run(documentId);
  }
  bumpContentVersion(statements);
}

/** Books vectors inserted for existing chunks (re-embedding). */
export function recordInsertedVectors(
  statements: SqliteStatements,
  chunkIds: readonly number[],
): void {
  if (chunkIds.length === 0) return;
  addToCounter(statements, 'embeddings', chunkIds.length);
  const log = statements.prepare(
    "INSERT INTO vector_changes (chunk_id, kind) SELECT ?, 'insert' FROM vector_index_state",
  );
  for (const chunkId of chunkIds) log.run(chunkId);
  bumpContentVersion(statements);
}

function addToCounter(statements: SqliteStatements, name: string, count: number): void {
  statements.prepare('UPDATE counters SET value = value + ? WHERE name = ?').run(count, name);
}

/** True while an HNSW index is in use, the only time inserted vectors are logged. */
function vectorChangesAreLogged(statements: SqliteStatements): boolean {
  return statements.prepare('SELECT 1 FROM vector_index_state').get() !== undefined;
}

function bumpContentVersion(statements: SqliteStatements): void {
  statements.prepare('UPDATE content_version SET value = value + 1 WHERE singleton = 1').run();
}
