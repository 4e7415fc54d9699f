/**
 * The composition root of the knowledge base: picks the store and the embedding
 * model the settings name and wires them together.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Settings } from '../config/settings-schema.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { KnowledgeStore } from '../core/knowledge-store.js';
import { SqliteKnowledgeStore } from '../storage/sqlite/sqlite-knowledge-store.js';
import { createEmbeddingModel } from './embed/create-embedding-model.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { SearchCacheOptions } from './search/search-cache.js';

/** File name of the embedded database inside ARCHON_HOME. */
export const databaseFileName = 'archon.db';

/** Opens (creating if needed) the knowledge base the settings describe. */
export async function openKnowledgeBase(
  settings: Settings,
  options: { fetch?: typeof fetch; searchCache?: SearchCacheOptions } = {},
): Promise<KnowledgeBase> {
  const embedder = createEmbeddingModel(settings.embedding);
  const store = createStore(settings);
  await store.open();
  return new KnowledgeBase({ store, embedder, settings, ...options });
}

function createStore(settings: Settings): KnowledgeStore {
  if (settings.databaseUrl !== undefined) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      'ARCHON_DATABASE_URL is set, but this version stores knowledge in SQLite only; unset it to use the embedded store',
    );
  }
  try {
    mkdirSync(settings.home, { recursive: true });
  } catch (error) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `cannot create data directory ${settings.home}`,
      { cause: error },
    );
  }
  return new SqliteKnowledgeStore({
    path: join(settings.home, databaseFileName),
    hnswThreshold: settings.search.hnswThreshold,
  });
}
