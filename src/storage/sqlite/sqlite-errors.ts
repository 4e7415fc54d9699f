/**
 * Turns driver errors into ArchonErrors at the store boundary, so callers see a
 * stable code and a one-line message instead of a raw SqliteError.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** `error` as an ArchonError: ArchonErrors pass through, everything else is STORAGE_ERROR. */
export function toStorageError(error: unknown): ArchonError {
  if (ArchonError.isInstance(error)) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason = error instanceof Error ? error.message : String(error);
  const message =
    code === 'SQLITE_BUSY'
      ? 'the database is locked by another process; try again'
      : `storage failure: ${reason}`;
  return new ArchonError(ErrorCode.StorageError, message, {
    details: code === '' ? {} : { sqliteCode: code },
    cause: error,
  });
}
