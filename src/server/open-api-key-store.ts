/**
 * Opens the API key store beside the knowledge base in ARCHON_HOME, for `archon
 * serve` and `archon keys create|list|revoke`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { databaseFileName } from '../knowledge/open-knowledge-base.js';
import { SqliteApiKeyStore } from '../storage/sqlite/sqlite-api-keys.js';

/** The API key store of `home` (the same database file as the knowledge base), opened. */
export async function openApiKeyStore(home: string): Promise<SqliteApiKeyStore> {
  mkdirSync(home, { recursive: true });
  const store = new SqliteApiKeyStore(join(home, databaseFileName));
  await store.open();
  return store;
}
