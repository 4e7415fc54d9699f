import { afterEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-connection.js';
import { applyMigrations, sqliteMigrations } from './sqlite-migrations.js';

describe('SQLite migrations', () => {
  const opened: SqliteDatabase[] = [];
  const open = () => {
    const database = openSqliteDatabase(':memory:');
    opened.push(database);
    return database;
  };
  afterEach(() => {
    for (const database of opened.splice(0)) database.close();
  });

  it('numbers migrations 1, 2, 3, ... in order', () => {
    expect(sqliteMigrations.map((migration) => migration.version)).toEqual(
      sqliteMigrations.map((_, index) => index + 1),
    );
  });

  it('applies every migration once and records it', () => {
    const database = open();
    expect(applyMigrations(database)).toEqual(
      sqliteMigrations.map((migration) => migration.version),
    );
    expect(applyMigrations(database)).toEqual([]);
    const recorded = database.prepare('SELECT version, name FROM schema_migrations').all();
    expect(recorded).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })));
  });

  it('applies only the migrations a database lacks', () => {
    const database = open();
    const extra = { version: 2, name: 'extra', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY)' };
    applyMigrations(database, [sqliteMigrations[0] as (typeof sqliteMigrations)[number]]);
    expect(applyMigrations(database, [...sqliteMigrations.slice(0, 1), extra])).toEqual([2]);
    expect(
      database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get(),
    ).toEqual({ n: 1 });
  });

  it('rolls a failing migration back completely', () => {
    const database = open();
    const broken = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half (id INTEGER); SELECT nonsense(',
    };
    expect(() => applyMigrations(database, [...sqliteMigrations.slice(0, 1), broken])).toThrow();
    expect(
      database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get(),
    ).toEqual({ n: 0 });
    expect(database.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({
      v: 1,
    });
  });

  it('refuses a database made by a newer version', () => {
    const database = open();
    applyMigrations(database);
    database.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'later')").run();
    expect(() => applyMigrations(database)).toThrow(
      expect.objectContaining({
        code: ErrorCode.StorageError,
        message: expect.stringMatching(/newer/),
      }),
    );
  });

  it('opens with WAL-ready pragmas and sqlite-vec loaded', () => {
    const database = open();
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(database.prepare('SELECT vec_version() AS v').get()).toEqual({
      v: expect.stringMatching(/^v/),
    });
  });

  it('reports a path it cannot open as STORAGE_ERROR', () => {
    expect(() => openSqliteDatabase('/no/such/directory/archon.db')).toThrow(
      expect.objectContaining({
        code: ErrorCode.StorageError,
        message: expect.stringMatching(/cannot open database/),
      }),
    );
  });
});
