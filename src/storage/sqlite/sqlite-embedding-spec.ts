/**
 * The embedding spec pinned in the `meta` table: which model made the stored
 * vectors. Mixing vectors of two models would make cosine scores meaningless, so
 * a different spec is refused until the caller reindexes.
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { fromJsonColumn } from './sqlite-json.js';
import type { SqliteStatements } from './sqlite-statements.js';

const specKey = 'embedding_spec';
const generationKey = 'embedding_generation';

/** The pinned spec, or null before the first pin. */
export function readEmbeddingSpec(statements: SqliteStatements): EmbeddingSpec | null {
  const row = statements
    .prepare<{ value: string }>('SELECT value FROM meta WHERE key = ?')
    .get(specKey);
  if (row === undefined) return null;
  const value = fromJsonColumn(row.value, 'meta.embedding_spec') as Partial<EmbeddingSpec>;
  if (typeof value.modelId !== 'string' || typeof value.dimensions !== 'number') {
    throw new ArchonError(ErrorCode.StorageError, 'corrupt embedding spec in meta');
  }
  return { modelId: value.modelId, dimensions: value.dimensions };
}

/** Counts resets of the embeddings; the HNSW index is rebuilt whenever it changes. */
export function readEmbeddingGeneration(statements: SqliteStatements): number {
  const row = statements
    .prepare<{ value: string }>('SELECT value FROM meta WHERE key = ?')
    .get(generationKey);
  return row === undefined ? 0 : Number(row.value);
}

/** The pinned spec; EMBEDDING_MISMATCH when nothing is pinned yet. */
export function requireEmbeddingSpec(statements: SqliteStatements): EmbeddingSpec {
  const spec = readEmbeddingSpec(statements);
  if (spec === null) {
    throw new ArchonError(
      ErrorCode.EmbeddingMismatch,
      'no embedding model is pinned in this knowledge base; pin one (pinEmbeddingSpec) before writing vectors',
    );
  }
  return spec;
}

/** Pins `spec` when none is pinned; EMBEDDING_MISMATCH when another one is. */
export function pinEmbeddingSpec(statements: SqliteStatements, spec: EmbeddingSpec): void {
  validateSpec(spec);
  statements.write(() => {
    const pinned = readEmbeddingSpec(statements);
    if (pinned === null) {
      writeSpec(statements, spec);
      return;
    }
    if (pinned.modelId === spec.modelId && pinned.dimensions === spec.dimensions) return;
    throw new ArchonError(
      ErrorCode.EmbeddingMismatch,
      `knowledge base was built with ${pinned.modelId} (dims ${pinned.dimensions}); configured ${spec.modelId} (dims ${spec.dimensions}); run \`archon reindex\``,
      { details: { pinned, configured: spec } },
    );
  });
}

/** Drops every vector and the HNSW state, then pins `spec`. Runs inside the caller's transaction. */
export function resetEmbeddingRows(statements: SqliteStatements, spec: EmbeddingSpec): void {
  validateSpec(spec);
  // The state row goes first so the delete trigger does not log every vector.
  statements.prepare('DELETE FROM vector_index_state').run();
  statements.prepare('DELETE FROM vector_changes').run();
  statements.prepare('DELETE FROM embeddings').run();
  writeSpec(statements, spec);
  statements
    .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
    .run(generationKey, String(readEmbeddingGeneration(statements) + 1));
}

function writeSpec(statements: SqliteStatements, spec: EmbeddingSpec): void {
  statements
    .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
    .run(specKey, JSON.stringify({ modelId: spec.modelId, dimensions: spec.dimensions }));
}

function validateSpec(spec: EmbeddingSpec): void {
  if (typeof spec.modelId !== 'string' || spec.modelId.trim() === '') {
    throw new ArchonError(ErrorCode.InvalidInput, 'embedding spec needs a non-empty modelId');
  }
  if (!Number.isInteger(spec.dimensions) || spec.dimensions < 1) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `embedding dimensions must be a positive integer, got ${spec.dimensions}`,
    );
  }
}
