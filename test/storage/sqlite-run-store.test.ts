import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SqliteRunStore } from '../../src/storage/sqlite/sqlite-run-store.js';
import { runRunStoreConformance } from '../conformance/run-store.conformance.js';

runRunStoreConformance('sqlite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'archon-runs-'));
  const store = new SqliteRunStore(join(directory, 'archon.db'));
  await store.open();
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('SqliteRunStore', () => {
  it('keeps runs across reopen and refuses use before open', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'archon-runs-')), 'archon.db');
    const first = new SqliteRunStore(path);
    await expect(first.getRun('x')).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    await first.open();
    await first.open();
    await first.createRun({ id: 'kept', kind: 'ask', workspace: null, input: 'q', model: 'm' });
    await first.close();
    const second = new SqliteRunStore(path);
    await second.open();
    expect((await second.getRun('kept'))?.kind).toBe('ask');
    await second.close();
  });

  it('reports a file that is not a database', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'archon-runs-'));
    const store = new SqliteRunStore(directory);
    await expect(store.open()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });
});
