/**
 * The SQLite store against the shared KnowledgeStore conformance suite, on real
 * database files in temporary directories: on the exact vector path, with an HNSW
 * threshold of 1 (every vector search goes through the graph, extended at each
 * search), and with a threshold of 6 (the graph plus an exact delta of up to 5
 * vectors that searches do not fold in).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';
import { runKnowledgeStoreConformance } from '../conformance/knowledge-store.conformance.js';

function sqliteFactory(hnswThreshold?: number) {
  return async () => {
    const directory = await mkdtemp(join(tmpdir(), 'archon-sqlite-'));
    const path = join(directory, 'archon.db');
    const store = new SqliteKnowledgeStore({ path, hnswThreshold });
    return {
      store,
      connect: () => new SqliteKnowledgeStore({ path, hnswThreshold }),
      damageDerivedState: async (how: 'remove' | 'corrupt') => {
        if (how === 'remove') await rm(`${path}.hnsw`, { force: true });
        else await writeFile(`${path}.hnsw`, 'not an index file');
      },
      cleanup: async () => {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  };
}

runKnowledgeStoreConformance('sqlite (exact vector search)', sqliteFactory());
runKnowledgeStoreConformance('sqlite (every vector search through HNSW)', sqliteFactory(1));
runKnowledgeStoreConformance('sqlite (HNSW graph with an exact delta)', sqliteFactory(6));
