/** Connection settings: page size of new files, checkpoint interval, open failures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { newDatabasePageSize, openSqliteDatabase } from './sqlite-connection.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'archon-connection-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('openSqliteDatabase', () => {
  it('creates new files with the larger page size and a 64 MiB checkpoint interval', () => {
    const database = openSqliteDatabase(join(directory, 'new.db'));
    database.exec('CREATE TABLE t (x)');
    expect(database.pragma('page_size', { simple: true })).toBe(newDatabasePageSize);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(
      (64 * 1024 * 1024) / newDatabasePageSize,
    );
    database.close();
  });

  it('keeps the page size of an existing file and scales the checkpoint interval to it', () => {
    const path = join(directory, 'old.db');
    const old = new Database(path);
    old.pragma('page_size = 4096');
    old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    old.close();
    const database = openSqliteDatabase(path);
    expect(database.pragma('page_size', { simple: true })).toBe(4096);
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
    expect(database.prepare('SELECT x FROM t').pluck().get()).toBe(1);
    database.close();
  });

  it('reports a file it cannot open as a storage error naming the path', () => {
    const path = join(directory, 'missing', 'x.db');
    expect(() => openSqliteDatabase(path)).toThrowError(/cannot open database .*missing/);
  });
});
