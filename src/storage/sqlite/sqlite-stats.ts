/**
 * Store sizes for `archon doctor` and the health endpoint. Chunk and vector
 * counts come from the trigger-maintained counters, so this stays cheap at a
 * million chunks.
 */
import type { StoreStats } from '../../core/knowledge-store.js';
import { readCounter } from './sqlite-counters.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** Counts of every record kind and which vector search is in use. */
export function readStats(statements: SqliteStatements, hnswThreshold: number): StoreStats {
  return statements.read(() => {
    const embeddings = readCounter(statements, 'embeddings');
    return {
      sources: statements.prepareValue<number>('SELECT count(*) FROM sources').get() as number,
      documents: statements.prepareValue<number>('SELECT count(*) FROM documents').get() as number,
      chunks: readCounter(statements, 'chunks'),
      embeddings,
      vectorIndex: embeddings >= hnswThreshold ? 'hnsw' : 'exact',
    };
  });
}
