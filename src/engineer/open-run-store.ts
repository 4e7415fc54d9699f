/** Opens the run store that sits beside the knowledge base in ARCHON_HOME. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { RunStore } from '../core/run-store.js';
import { SqliteRunStore } from '../storage/sqlite/sqlite-run-store.js';

/** The run store of `home` (the same database file as the knowledge base), opened. */
export async function openRunStore(home: string): Promise<RunStore & { close(): Promise<void> }> {
  mkdirSync(home, { recursive: true });
  const store = new SqliteRunStore(join(home, 'archon.db'));
  await store.open();
  return store;
}
