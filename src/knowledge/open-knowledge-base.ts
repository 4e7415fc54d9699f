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
import { createEmbeddingModel, type EmbeddingModelConfig } from './embed/create-embedding-model.js';
import { isHashingEmbedderId } from './embed/hashing/hashing-embedder.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { SearchCacheOptions } from './search/search-cache.js';

/** File name of the embedded database inside ARCHON_HOME. */
export const databaseFileName = 'archon.db';

/** Opens (creating if needed) the knowledge base the settings describe. */
export async function openKnowledgeBase(
  settings: Settings,
  options: { fetch?: typeof fetch; searchCache?: SearchCacheOptions } = {},
): Promise<KnowledgeBase> {
  // Built before the store opens, so bad settings fail without creating a database.
  const configured = createEmbeddingModel(settings.embedding);
  const store = createStore(settings);
  await store.open();
  const embedding = await withPinnedHashingVersion(settings.embedding, store);
  // Only a base pinned to another hashing version needs an embedder of its own.
  const embedder =
    embedding === settings.embedding || embedding.model === configured.id
      ? configured
      : createEmbeddingModel(embedding);
  return new KnowledgeBase({ store, embedder, settings: { ...settings, embedding }, ...options });
}

/**
 * `embedding`, naming the hashing embedder's version when it is the hashing embedder
 * with no version set: the version the knowledge base was built with (`hash:v1` for
 * bases made before hash:v2), so upgrading never breaks an existing base; the latest
 * for a new one. `ARCHON_EMBEDDING=hash:v2` with `archon reindex` moves a base on.
 */
async function withPinnedHashingVersion<Config extends EmbeddingModelConfig>(
  embedding: Config,
  store: KnowledgeStore,
): Promise<Config> {
  if (embedding.provider !== 'hash' || embedding.model !== undefined) return embedding;
  const pinned = await store.getEmbeddingSpec();
  if (pinned === null || !isHashingEmbedderId(pinned.modelId)) return embedding;
  return { ...embedding, model: pinned.modelId };
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
