import { describe, expect, it } from 'vitest';

import {
  anyTermExpression,
  maximumQueryTerms,
  quoteTerm,
  usableTerms,
} from './fts-match-expression.js';

describe('FTS5 match expressions', () => {
  it('quotes each term and doubles embedded quotes', () => {
    expect(quoteTerm('plain')).toBe('"plain"');
    expect(quoteTerm('say "hi"')).toBe('"say ""hi"""');
    expect(anyTermExpression(['a', 'NEAR(', 'b*'])).toBe('"a" OR "NEAR(" OR "b*"');
  });

  it('keeps distinct terms that hold something indexable', () => {
    expect(usableTerms([' pool ', 'pool', '', '--', '"', 'max_size', '_', 'été', '42'])).toEqual([
      'pool',
      'max_size',
      '_',
      'été',
      '42',
    ]);
    expect(usableTerms([1 as never, 'x'])).toEqual(['x']);
  });

  it('caps the number of terms', () => {
    const many = Array.from({ length: maximumQueryTerms + 10 }, (_, index) => `t${index}`);
    expect(usableTerms(many)).toHaveLength(maximumQueryTerms);
  });
});
