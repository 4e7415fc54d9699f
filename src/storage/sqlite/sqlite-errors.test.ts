import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { toStorageError } from './sqlite-errors.js';

describe('storage errors', () => {
  it('passes ArchonErrors through', () => {
    const original = new ArchonError(ErrorCode.NotFound, 'gone');
    expect(toStorageError(original)).toBe(original);
  });

  it('explains a busy database in one line', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const error = toStorageError(busy);
    expect(error).toMatchObject({
      code: ErrorCode.StorageError,
      details: { sqliteCode: 'SQLITE_BUSY' },
    });
    expect(error.message).toMatch(/locked by another process/);
    expect(error.cause).toBe(busy);
  });

  it('wraps anything else as STORAGE_ERROR with its message', () => {
    expect(toStorageError(new Error('disk I/O error'))).toMatchObject({
      code: ErrorCode.StorageError,
      message: 'storage failure: disk I/O error',
      details: {},
    });
    expect(toStorageError('text').message).toBe('storage failure: text');
  });
});
