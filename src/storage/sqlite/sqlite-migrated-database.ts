/**
 * Opens the database file with every migration applied and wraps it for prepared
 * statements: what each store that shares the file (runs, API keys) needs to start.
 */
import { openSqliteDatabase } from './sqlite-connection.js';
import { toStorageError } from './sqlite-errors.js';
import { applyMigrations } from './sqlite-migrations.js';
import { SqliteStatements } from './sqlite-statements.js';

/** The database at `path`, migrated; the connection is closed again if migrating fails. */
export function openMigratedDatabase(path: string): SqliteStatements {
  const database = openSqliteDatabase(path);
  try {
    applyMigrations(database);
  } catch (error) {
    database.close();
    throw toStorageError(error);
  }
  return new SqliteStatements(database);
}
