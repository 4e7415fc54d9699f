import { describe, expect, it } from 'vitest';

import { ndcgAtK, recallAtK, reciprocalRank } from './retrieval-metrics.js';

describe('retrieval metrics', () => {
  const relevant = new Set(['a', 'b']);

  it('recall@k counts relevant documents within the cut-off', () => {
    expect(recallAtK(['a', 'x', 'b'], relevant, 2)).toBe(0.5);
    expect(recallAtK(['a', 'x', 'b'], relevant, 3)).toBe(1);
    expect(recallAtK(['a', 'a'], relevant, 2)).toBe(0.5);
    expect(recallAtK(['a'], new Set(), 2)).toBe(0);
  });

  it('reciprocal rank uses the first relevant hit', () => {
    expect(reciprocalRank(['x', 'b', 'a'], relevant)).toBe(0.5);
    expect(reciprocalRank(['x', 'y'], relevant)).toBe(0);
  });

  it('nDCG@k is 1 for an ideal ranking and lower otherwise', () => {
    expect(ndcgAtK(['a', 'b', 'x'], relevant, 3)).toBeCloseTo(1, 10);
    const worse = ndcgAtK(['x', 'a', 'b'], relevant, 3);
    expect(worse).toBeGreaterThan(0);
    expect(worse).toBeLessThan(1);
    expect(ndcgAtK(['x', 'y'], relevant, 2)).toBe(0);
    expect(ndcgAtK(['a', 'a'], relevant, 2)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 10);
    expect(ndcgAtK(['a'], new Set(), 2)).toBe(0);
  });
});
