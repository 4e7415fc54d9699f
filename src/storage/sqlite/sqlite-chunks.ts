/**
 * Chunk reads (with citations, for search results) and the re-embedding path:
 * paging through chunks and writing their new vectors.
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import type { ChunkForEmbedding } from '../../core/knowledge-store.js';
import type { ChunkWithCitation } from '../../core/knowledge-types.js';
import { validateVector, vectorToBlob } from './embedding-validation.js';
import { requireEmbeddingSpec } from './sqlite-embedding-spec.js';
import { recordInsertedVectors } from './sqlite-insert-bookkeeping.js';
import { fromJsonStringList } from './sqlite-json.js';
import { chunkColumns, type ChunkRow, toChunk } from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

type CitedChunkRow = ChunkRow & {
  source_id: string;
  source_name: string;
  uri: string;
  title: string;
};

/** Chunks with their citations, in the order of `ids`; unknown ids are skipped. */
export function getChunks(
  statements: SqliteStatements,
  ids: readonly number[],
): ChunkWithCitation[] {
  if (ids.length === 0) return [];
  const rows = statements
    .prepare<CitedChunkRow>(
      `SELECT ${chunkColumns}, d.source_id, s.name AS source_name, d.uri, d.title
       FROM chunks c
       JOIN documents d ON d.id = c.document_id
       JOIN sources s ON s.id = d.source_id
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids.filter((id) => Number.isSafeInteger(id))));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const found: ChunkWithCitation[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row === undefined) continue;
    const chunk = toChunk(row);
    found.push({
      chunk,
      citation: {
        sourceId: row.source_id,
        sourceName: row.source_name,
        documentId: row.document_id,
        uri: row.uri,
        title: row.title,
        headingPath: chunk.headingPath,
        startLine: chunk.startLine,
        endLine: chunk.endLine,
      },
    });
  }
  return found;
}

/** Up to `limit` chunks with ids above `afterId`, in id order. */
export function listChunksForEmbedding(
  statements: SqliteStatements,
  afterId: number,
  limit: number,
): ChunkForEmbedding[] {
  return statements
    .prepare<{ id: number; text: string; context: string; heading_path: string; title: string }>(
      `SELECT c.id, c.text, c.context, c.heading_path, d.title
       FROM chunks c JOIN documents d ON d.id = c.document_id
       WHERE c.id > ? ORDER BY c.id LIMIT ?`,
    )
    .all(afterId, limit)
    .map((row) => ({
      id: row.id,
      text: row.text,
      context: row.context,
      headingPath: fromJsonStringList(row.heading_path, 'chunks.heading_path'),
      title: row.title,
    }));
}

/**
 * Stores vectors of existing chunks, replacing earlier ones. All rows are checked
 * first; one bad vector rejects the whole batch. Vectors of chunks deleted in the
 * meantime (a concurrent ingest) are dropped.
 */
export function writeEmbeddings(
  statements: SqliteStatements,
  rows: readonly { chunkId: number; vector: Float32Array }[],
): void {
  statements.write(() => {
    const spec: EmbeddingSpec = requireEmbeddingSpec(statements);
    for (const row of rows) validateVector(row.vector, spec, `vector of chunk ${row.chunkId}`);
    const update = statements.prepare('UPDATE embeddings SET vector = ? WHERE chunk_id = ?');
    const insert = statements.prepare(
      'INSERT INTO embeddings (chunk_id, vector) SELECT id, ? FROM chunks WHERE id = ?',
    );
    const inserted: number[] = [];
    for (const row of rows) {
      const blob = vectorToBlob(row.vector);
      if (update.run(blob, row.chunkId).changes > 0) continue;
      if (insert.run(blob, row.chunkId).changes > 0) inserted.push(row.chunkId);
    }
    recordInsertedVectors(statements, inserted);
  });
}
