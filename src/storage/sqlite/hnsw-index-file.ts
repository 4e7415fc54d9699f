/**
 * The HNSW index file beside the database. It is replaced atomically (written to
 * a temporary name, then renamed), so a crash mid-save leaves the previous file,
 * and it is identified by inode, size and modification time, so a process can
 * tell whether the file on disk is the one the database says was saved. The
 * identity is taken from the temporary file before the rename (a rename keeps
 * inode, size and time): read after it, it could name a file another process
 * renamed there in between, and the database would then vouch for that file.
 */
import { renameSync, rmSync, statSync } from 'node:fs';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { VectorIndex } from '../../core/vector-index.js';

/** Where the index of the database at `databasePath` lives; null for in-memory databases. */
export function hnswPathOf(databasePath: string): string | null {
  if (databasePath === ':memory:' || databasePath === '') return null;
  return `${databasePath}.hnsw`;
}

/** Saves `index` to `path` atomically and returns the fingerprint of the file it wrote. */
export function saveIndexFile(index: VectorIndex, path: string): string {
  const temporary = `${path}.${process.pid}.tmp`;
  let fingerprint: string | null;
  try {
    index.save(temporary);
    fingerprint = fingerprintOf(temporary);
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchonError(
      ErrorCode.StorageError,
      `cannot save the vector index to ${path}: ${reason}`,
      {
        cause: error,
      },
    );
  }
  return fingerprint as string;
}

/** Inode, size and modification time of `path`, or null when it does not exist. */
export function fingerprintOf(path: string): string | null {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (stats === undefined) return null;
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/** Deletes the index file if there is one. */
export function removeIndexFile(path: string): void {
  rmSync(path, { force: true });
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there (or it cannot be reached); the save error is what matters.
  }
}
