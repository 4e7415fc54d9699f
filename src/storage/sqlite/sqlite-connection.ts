/**
 * Opens the embedded database file with the settings every other module relies on:
 * WAL so readers never block the writer (checkpointed every 64 MiB), foreign keys so
 * deletes cascade, a busy timeout so a second process waits instead of failing, a
 * page cache large enough for an exact vector scan, and sqlite-vec for cosine
 * distance in SQL.
 */
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** The better-sqlite3 handle type, named once for the whole folder. */
export type SqliteDatabase = Database.Database;

/** How long a connection waits for another process's write lock, in milliseconds. */
export const busyTimeoutMilliseconds = 5_000;

/**
 * Page size of databases this module creates. 8 KiB instead of SQLite's 4: a vector row
 * (1.5 KiB at 384 dimensions) wastes a quarter of a 4 KiB page, and commits write fewer,
 * fuller pages; ingest's write CPU and the file size both drop (bench/RESULTS.md).
 */
export const newDatabasePageSize = 8192;

const walCheckpointBytes = 64 * 1024 * 1024;

/** Opens `path` (or `:memory:`), applies the pragmas and loads sqlite-vec. */
export function openSqliteDatabase(path: string): SqliteDatabase {
  let database: SqliteDatabase | undefined;
  try {
    database = new Database(path);
    database.pragma(`busy_timeout = ${busyTimeoutMilliseconds}`);
    // Applies only to a new, empty file (before WAL mode is set); existing files keep theirs.
    database.pragma(`page_size = ${newDatabasePageSize}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // Checkpoint every 64 MiB of WAL instead of 4: ingest rewrites the same pages (FTS5
    // segments, counters) commit after commit, and a page is copied back once per
    // checkpoint; 8-10% of ingest's write time on the Markdown bench. The WAL file is cut
    // back to that size after a checkpoint.
    const pageSize = database.pragma('page_size', { simple: true }) as number;
    database.pragma(`wal_autocheckpoint = ${Math.round(walCheckpointBytes / pageSize)}`);
    database.pragma(`journal_size_limit = ${walCheckpointBytes}`);
    database.pragma('foreign_keys = ON');
    // 64 MiB of page cache: an exact vector scan at the HNSW threshold reads ~30 MB of vectors.
    database.pragma('cache_size = -65536');
    sqliteVec.load(database);
    return database;
  } catch (error) {
    database?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchonError(ErrorCode.StorageError, `cannot open database ${path}: ${reason}`, {
      details: { path },
      cause: error,
    });
  }
}
