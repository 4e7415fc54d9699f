import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { hashApiKey, SqliteApiKeyStore } from './sqlite-api-keys.js';
import { openSqliteDatabase } from './sqlite-connection.js';

describe('SqliteApiKeyStore', () => {
  let directory: string;
  let path: string;
  let now: number;
  let store: SqliteApiKeyStore;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'archon-keys-'));
    path = join(directory, 'archon.db');
    now = Date.parse('2025-01-01T00:00:00.000Z');
    store = new SqliteApiKeyStore(path, () => now);
    await store.open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates a key shown once, stores only its hash and verifies it', async () => {
    expect(await store.hasActiveKeys()).toBe(false);
    const created = await store.create('ci');
    expect(created.key).toMatch(/^archon_[A-Za-z0-9_-]{43}$/);
    expect(created.record).toEqual({
      id: expect.any(String),
      name: 'ci',
      prefix: created.key.slice(0, 11),
      createdAt: '2025-01-01T00:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(await store.hasActiveKeys()).toBe(true);
    expect(await store.verify(created.key)).toMatchObject({ id: created.record.id });

    const database = openSqliteDatabase(path);
    const stored = JSON.stringify(database.prepare('SELECT * FROM api_keys').all());
    database.close();
    expect(stored).not.toContain(created.key);
    expect(stored).toContain(hashApiKey(created.key));
  });

  it('refuses unknown, malformed and revoked keys', async () => {
    const created = await store.create('laptop');
    expect(await store.verify(`${created.key.slice(0, -1)}x`)).toBeNull();
    expect(await store.verify('')).toBeNull();
    expect(await store.verify('Bearer something')).toBeNull();
    expect(await store.verify(undefined as unknown as string)).toBeNull();
    now += 1000;
    const revoked = await store.revoke('laptop');
    expect(revoked.revokedAt).toBe('2025-01-01T00:00:01.000Z');
    expect(await store.verify(created.key)).toBeNull();
    expect(await store.hasActiveKeys()).toBe(false);
    now += 1000;
    expect((await store.revoke(created.record.id)).revokedAt).toBe('2025-01-01T00:00:01.000Z');
  });

  it('lists keys oldest first without the key and records last use at most once a minute', async () => {
    const first = await store.create('first');
    now += 5;
    await store.create('second');
    await store.verify(first.key);
    now += 30_000;
    await store.verify(first.key);
    let listed = await store.list();
    expect(listed.map((record) => record.name)).toEqual(['first', 'second']);
    expect(listed[0]?.lastUsedAt).toBe('2025-01-01T00:00:00.005Z');
    expect(JSON.stringify(listed)).not.toContain(first.key);
    now += 60_000;
    await store.verify(first.key);
    listed = await store.list();
    expect(listed[0]?.lastUsedAt).toBe('2025-01-01T00:01:30.005Z');
  });

  it('refuses bad and duplicate names, unknown revocations and use before open', async () => {
    await expect(store.create('')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.create('has space')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await store.create('dup');
    await expect(store.create('dup')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(store.revoke('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const closed = new SqliteApiKeyStore(path);
    await expect(closed.list()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });

  it('sees keys created by another connection and survives reopening', async () => {
    const other = new SqliteApiKeyStore(path);
    await other.open();
    await other.open();
    const created = await other.create('elsewhere');
    expect(await store.verify(created.key)).not.toBeNull();
    await other.revoke('elsewhere');
    expect(await store.verify(created.key)).toBeNull();
    await other.close();
  });

  it('reports a path that is not a database', async () => {
    const broken = new SqliteApiKeyStore(directory);
    await expect(broken.open()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });
});
