/**
 * Cosine search over the stored vectors. Below the HNSW threshold it is an exact
 * scan with sqlite-vec, which is fast enough there and needs no derived state.
 * From the threshold on it asks the HNSW index. A filter narrows the candidates
 * first: when fewer chunks pass it than the threshold, an exact scan over just
 * those is as cheap as an exact search below the threshold and never misses;
 * otherwise the index is searched with an accept() predicate over the allowed ids.
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import type { VectorQuery } from '../../core/knowledge-store.js';
import type { RankedChunk } from '../../core/knowledge-types.js';
import { validateVector, vectorToBlob } from './embedding-validation.js';
import { readCounter } from './sqlite-counters.js';
import { readEmbeddingSpec } from './sqlite-embedding-spec.js';
import { type FilterSql, filterToSql } from './sqlite-filter-sql.js';
import type { SqliteHnswIndex } from './sqlite-hnsw-index.js';
import { validateLimit } from './sqlite-lexical-search.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** What a vector search needs from its store. */
export interface VectorSearchContext {
  readonly statements: SqliteStatements;
  readonly hnsw: SqliteHnswIndex;
  readonly hnswThreshold: number;
}

type DistanceRow = { id: number; distance: number };

/** Nearest chunks to `query.vector`; score is the cosine similarity (1 - cosine distance). */
export function vectorSearch(context: VectorSearchContext, query: VectorQuery): RankedChunk[] {
  const { statements, hnswThreshold } = context;
  validateLimit(query.limit);
  const spec = readEmbeddingSpec(statements);
  if (spec === null) return [];
  validateVector(query.vector, spec, 'query vector');
  const filter = filterToSql(query.filter);
  const vectors = readCounter(statements, 'embeddings');
  if (vectors < hnswThreshold) {
    if (vectors < hnswThreshold / 2) context.hnsw.releaseIfUnused(hnswThreshold);
    return exactSearch(statements, query.vector, query.limit, filter);
  }
  if (filter === null) {
    const matches = context.hnsw.search(spec, query.vector, query.limit);
    // A graph search may come back short (a limit near the size, unreachable nodes).
    if (matches === null || matches.length < Math.min(query.limit, vectors)) {
      return exactSearch(statements, query.vector, query.limit, null);
    }
    return matches.map((match) => ({ chunkId: match.id, score: match.similarity }));
  }
  return filteredApproximateSearch(context, spec, query.vector, query.limit, filter);
}

function filteredApproximateSearch(
  context: VectorSearchContext,
  spec: EmbeddingSpec,
  vector: Float32Array,
  limit: number,
  filter: FilterSql,
): RankedChunk[] {
  const { statements } = context;
  const allowed = statements
    .prepareValue<number>(`SELECT c.id FROM chunks c WHERE ${filter.condition}`)
    .all(...filter.parameters);
  if (allowed.length < context.hnswThreshold)
    return exactSearchAmong(statements, vector, limit, allowed);
  const allowedSet = new Set(allowed);
  const matches = context.hnsw.search(spec, vector, limit, (id) => allowedSet.has(id));
  // An approximate filtered search can come back short; the exact scan cannot.
  if (matches === null || matches.length < Math.min(limit, allowed.length)) {
    return exactSearchAmong(statements, vector, limit, allowed);
  }
  return matches.map((match) => ({ chunkId: match.id, score: match.similarity }));
}

/** Exact cosine search over every stored vector that passes `filter`. */
export function exactSearch(
  statements: SqliteStatements,
  vector: Float32Array,
  limit: number,
  filter: FilterSql | null,
): RankedChunk[] {
  const rows =
    filter === null
      ? statements
          .prepare<DistanceRow>(
            `SELECT chunk_id AS id, vec_distance_cosine(vector, ?) AS distance
             FROM embeddings ORDER BY distance LIMIT ?`,
          )
          .all(vectorToBlob(vector), limit)
      : statements
          .prepare<DistanceRow>(
            `SELECT e.chunk_id AS id, vec_distance_cosine(e.vector, ?) AS distance
             FROM chunks c JOIN embeddings e ON e.chunk_id = c.id
             WHERE ${filter.condition} ORDER BY distance LIMIT ?`,
          )
          .all(vectorToBlob(vector), ...filter.parameters, limit);
  return rows.map(toRanked);
}

function exactSearchAmong(
  statements: SqliteStatements,
  vector: Float32Array,
  limit: number,
  ids: readonly number[],
): RankedChunk[] {
  if (ids.length === 0) return [];
  return statements
    .prepare<DistanceRow>(
      `SELECT chunk_id AS id, vec_distance_cosine(vector, ?) AS distance
       FROM embeddings WHERE chunk_id IN (SELECT value FROM json_each(?))
       ORDER BY distance LIMIT ?`,
    )
    .all(vectorToBlob(vector), JSON.stringify(ids), limit)
    .map(toRanked);
}

function toRanked(row: DistanceRow): RankedChunk {
  return { chunkId: row.id, score: 1 - row.distance };
}
