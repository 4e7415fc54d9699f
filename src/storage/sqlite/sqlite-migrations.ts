/**
 * Versioned schema migrations, applied by `open()`. The list is append-only: a
 * released migration is never edited, a change is a new entry. Each migration runs
 * in its own IMMEDIATE transaction, so two processes opening the same file at once
 * apply it exactly once.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { SqliteDatabase } from './sqlite-connection.js';
import { initialSchema } from './sqlite-migration-001-initial.js';
import { runsSchema } from './sqlite-migration-002-runs.js';
import { apiKeysSchema } from './sqlite-migration-003-api-keys.js';
import { contentVersionSchema } from './sqlite-migration-004-content-version.js';
import { bulkInsertBookkeepingSchema } from './sqlite-migration-005-bulk-insert-bookkeeping.js';

/** One schema step. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append only. */
export const sqliteMigrations: readonly SqliteMigration[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'runs', sql: runsSchema },
  { version: 3, name: 'api-keys', sql: apiKeysSchema },
  { version: 4, name: 'content-version', sql: contentVersionSchema },
  { version: 5, name: 'bulk-insert-bookkeeping', sql: bulkInsertBookkeepingSchema },
];

/** Applies the migrations `database` lacks; returns the versions it applied. */
export function applyMigrations(
  database: SqliteDatabase,
  migrations: readonly SqliteMigration[] = sqliteMigrations,
): number[] {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const latest = migrations.at(-1)?.version ?? 0;
  const applied: number[] = [];
  const currentVersion = database.prepare<[], { version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  const record = database.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of migrations) {
    database
      .transaction(() => {
        const current = currentVersion.get()?.version ?? 0;
        if (current > latest) {
          throw new ArchonError(
            ErrorCode.StorageError,
            `database schema version ${current} is newer than this Archon supports (${latest}); upgrade Archon`,
          );
        }
        if (migration.version <= current) return;
        database.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
        applied.push(migration.version);
      })
      .immediate();
  }
  return applied;
}
