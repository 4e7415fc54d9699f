/**
 * The SQLite store against the shared KnowledgeStore conformance suite, on real
 * database files in temporary directories: once on the exact vector path and once
 * with an HNSW threshold of 1, so every vector search goes through the index.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';
import { runKnowledgeStoreConformance } from '../conformance/knowledge-store.conformance.js';

function sqliteFactory(hnswThreshold?: number) {
  return async () => {
    const directory = await mkdtemp(join(tmpdir(), 'archon-sqlite-'));
    const store = new SqliteKnowledgeStore({ path: join(directory, 'archon.db'), hnswThreshold });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  };
}

runKnowledgeStoreConformance('sqlite (exact vector search)', sqliteFactory());
runKnowledgeStoreConformance('sqlite (every vector search through HNSW)', sqliteFactory(1));
