import { describe, expect, it } from 'vitest';

import { bm25TermBound, boundedTerms, boundOfAll, essentialTermCount } from './bm25-bounds.js';

describe('bm25 term bounds', () => {
  it('is (k1 + 1) times the idf FTS5 uses', () => {
    expect(bm25TermBound(10, 1_000)).toBeCloseTo(2.2 * Math.log(990.5 / 10.5), 12);
  });

  it('never falls below the idf floor for terms in most rows', () => {
    expect(bm25TermBound(900, 1_000)).toBeCloseTo(2.2e-6, 12);
  });

  it('rises when rows are overstated or the frequency understated', () => {
    expect(bm25TermBound(10, 1_100)).toBeGreaterThan(bm25TermBound(10, 1_000));
    expect(bm25TermBound(5, 1_000)).toBeGreaterThan(bm25TermBound(10, 1_000));
  });

  it('orders terms rarest first, ties by term', () => {
    const ordered = boundedTerms(
      [
        { term: 'common', documentFrequency: 500 },
        { term: 'beta', documentFrequency: 3 },
        { term: 'alpha', documentFrequency: 3 },
      ],
      1_000,
    );
    expect(ordered.map((entry) => entry.term)).toEqual(['alpha', 'beta', 'common']);
  });
});

describe('essential term count', () => {
  const terms = [
    { term: 'a', bound: 10 },
    { term: 'b', bound: 4 },
    { term: 'c', bound: 1 },
    { term: 'd', bound: 0.5 },
  ];

  it('leaves out trailing terms whose bounds add up to less than the threshold', () => {
    expect(essentialTermCount(terms, 1.6)).toBe(2);
    expect(essentialTermCount(terms, 6)).toBe(1);
  });

  it('keeps a trailing set whose bound reaches the threshold', () => {
    expect(essentialTermCount(terms, 1.5)).toBe(3);
    expect(essentialTermCount(terms, 0.4)).toBe(4);
  });

  it('never goes below the floor it is given', () => {
    expect(essentialTermCount(terms, 100, 3)).toBe(3);
    expect(essentialTermCount(terms, 100)).toBe(1);
  });
});

describe('bound of all', () => {
  it('adds the bounds, rounded up', () => {
    const total = boundOfAll([
      { term: 'a', bound: 2 },
      { term: 'b', bound: 0.5 },
    ]);
    expect(total).toBeGreaterThan(2.5);
    expect(total).toBeLessThan(2.5 + 1e-6);
  });
});
