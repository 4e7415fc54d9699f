import { describe, expect, it } from 'vitest';

import type { VectorMatch } from '../../core/vector-index.js';
import { searchAccepted } from './oversampled-search.js';

/** A ranked list standing in for an index: id n has similarity 1 - n / 1000. */
function rankedList(total: number): { searchTop: (k: number) => VectorMatch[]; asked: number[] } {
  const all = Array.from({ length: total }, (_, id) => ({ id, similarity: 1 - id / 1000 }));
  const asked: number[] = [];
  return {
    asked,
    searchTop: (k) => {
      asked.push(k);
      return all.slice(0, k);
    },
  };
}

describe('searchAccepted', () => {
  it('answers from the first request when enough ids pass', () => {
    const { searchTop, asked } = rankedList(500);
    const found = searchAccepted(searchTop, 5, 500, (id) => id % 2 === 0);
    expect(found.map((match) => match.id)).toEqual([0, 2, 4, 6, 8]);
    expect(asked).toEqual([20]);
  });

  it('grows the request geometrically until the limit is filled', () => {
    const { searchTop, asked } = rankedList(1000);
    const found = searchAccepted(searchTop, 3, 1000, (id) => id % 50 === 49);
    expect(found.map((match) => match.id)).toEqual([49, 99, 149]);
    expect(asked).toEqual([12, 48, 192]);
  });

  it('stops at the whole index when too few ids pass, asking about each id once', () => {
    const { searchTop, asked } = rankedList(100);
    const decisions = new Map<number, number>();
    const found = searchAccepted(searchTop, 10, 100, (id) => {
      decisions.set(id, (decisions.get(id) ?? 0) + 1);
      return id === 97;
    });
    expect(found.map((match) => match.id)).toEqual([97]);
    expect(asked).toEqual([40, 100]);
    expect([...decisions.values()].every((count) => count === 1)).toBe(true);
    expect(decisions.size).toBe(100);
  });

  it('returns nothing for limit 0 or an empty index', () => {
    const { searchTop, asked } = rankedList(10);
    expect(searchAccepted(searchTop, 0, 10, () => true)).toEqual([]);
    expect(searchAccepted(searchTop, 3, 0, () => true)).toEqual([]);
    expect(asked).toEqual([]);
  });
});
