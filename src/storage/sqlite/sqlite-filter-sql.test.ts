import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { filterToSql } from './sqlite-filter-sql.js';

describe('search filters as SQL', () => {
  it('filters nothing when absent or empty', () => {
    expect(filterToSql(undefined)).toBeNull();
    expect(filterToSql({})).toBeNull();
    expect(filterToSql({ sourceIds: [], tags: [], languages: [] })).toBeNull();
  });

  it('binds every list as one JSON parameter, whatever its length', () => {
    const one = filterToSql({ sourceIds: ['a'], tags: ['t'], languages: ['go'], kind: 'code' });
    const many = filterToSql({
      sourceIds: ['a', 'b', 'c'],
      tags: ['t', 'u'],
      languages: ['go', 'rust'],
      kind: 'code',
    });
    expect(one?.condition).toBe(many?.condition);
    expect(many?.parameters).toEqual(['["a","b","c"]', '["t","u"]', '["go","rust"]', 'code']);
    expect(many?.condition).not.toMatch(/'/);
  });

  it('rejects malformed filters with INVALID_INPUT', () => {
    expect(() => filterToSql({ kind: 'video' as never })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidInput }),
    );
    expect(() => filterToSql({ tags: 'red' as never })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidInput }),
    );
    expect(() => filterToSql({ sourceIds: [1] as never })).toThrow(/sourceIds/);
  });
});
