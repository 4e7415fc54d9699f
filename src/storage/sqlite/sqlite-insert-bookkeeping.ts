/**
 * What the insert triggers used to do, done once per write by the code that inserts
 * chunks and vectors (migration 5 explains why): count them, bump the content
 * version, and log inserted vectors while an HNSW index is in use. Callers run it in
 * the same transaction as their inserts.
 */
import type { SqliteStatements } from './sqlite-statements.js';

/** Books `count` chunks inserted with their vectors for one document. */
export function recordInsertedChunks(
  statements: SqliteStatements,
  documentId: string,
  count: number,
): void {
  if (count === 0) return;
  statements
    .prepare("UPDATE counters SET value = value + ? WHERE name IN ('chunks', 'embeddings')")
    .run(count);
  statements
    .prepare(
      `INSERT INTO vector_changes (chunk_id, kind)
       SELECT c.id, 'insert' FROM chunks c, vector_index_state WHERE c.document_id = ?
       ORDER BY c.id`,
    )
    .run(documentId);
  bumpContentVersion(statements);
}

/** Books vectors inserted for existing chunks (re-embedding). */
export function recordInsertedVectors(
  statements: SqliteStatements,
  chunkIds: readonly number[],
): void {
  if (chunkIds.length === 0) return;
  statements
    .prepare("UPDATE counters SET value = value + ? WHERE name = 'embeddings'")
    .run(chunkIds.length);
  const log = statements.prepare(
    "INSERT INTO vector_changes (chunk_id, kind) SELECT ?, 'insert' FROM vector_index_state",
  );
  for (const chunkId of chunkIds) log.run(chunkId);
  bumpContentVersion(statements);
}

function bumpContentVersion(statements: SqliteStatements): void {
  statements.prepare('UPDATE content_version SET value = value + 1').run();
}
