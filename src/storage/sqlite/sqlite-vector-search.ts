/**
 * Cosine search over the stored vectors, through the connection's in-memory
 * structures (sqlite-hnsw-index.ts): an exact scan of the vectors the HNSW graph
 * does not hold (all of them below the threshold) merged with the graph's answer.
 * A filter narrows the candidates first: when fewer chunks pass it than the
 * threshold and the graph is in use, sqlite-vec scans just those exactly, which
 * never misses; otherwise both parts are searched with an accept() predicate.
 * sqlite-vec also answers when the in-memory side cannot (usearch not loadable,
 * or a graph answer that came back short).
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
  const { statements } = context;
  validateLimit(query.limit);
  const spec = readEmbeddingSpec(statements);
  if (spec === null) return [];
  validateVector(query.vector, spec, 'query vector');
  const filter = filterToSql(query.filter);
  const vectors = readCounter(statements, 'embeddings');
  if (vectors === 0) return [];
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
  const allowedSet = new Set(allowed);
  const selective = allowed.length < context.hnswThreshold;
  const matches = context.hnsw.search(spec, vector, limit, (id) => allowedSet.has(id), selective);
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
