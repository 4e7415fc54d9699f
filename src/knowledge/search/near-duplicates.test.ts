import { describe, expect, it } from 'vitest';

import {
  asciiWordHashes,
  collapseNearDuplicates,
  hashWord,
  jaccard,
  shingles,
} from './near-duplicates.js';

describe('near-duplicate collapse', () => {
  const passage =
    'Use a connection pool and release every client in a finally block so a failed query never leaks it';

  it('collapses copies that differ only in case and punctuation', () => {
    const items = [
      passage,
      passage.toUpperCase().replace(/ /g, '  '),
      `${passage}.`,
      'Something else entirely here',
    ];
    const kept = collapseNearDuplicates(items, (item) => item);
    expect(kept.map((entry) => entry.item)).toEqual([passage, 'Something else entirely here']);
    expect(kept[0]?.duplicates).toBe(2);
    expect(kept[1]?.duplicates).toBe(0);
  });

  it('keeps passages that merely share a topic', () => {
    const other =
      'A connection pool bounds concurrency; size it from the database max_connections setting';
    expect(collapseNearDuplicates([passage, other], (item) => item)).toHaveLength(2);
  });

  it('computes jaccard on shingles, including short texts', () => {
    expect(jaccard(shingles('a b'), shingles('a b'))).toBe(1);
    expect(jaccard(shingles(''), shingles(''))).toBe(1);
    expect(jaccard(shingles('one two three four'), shingles('five six seven eight'))).toBe(0);
    expect(shingles('').size).toBe(0);
    expect(shingles('one two three four').size).toBe(2);
  });
});

describe('ASCII word hashes', () => {
  const unicodePath = (text: string) =>
    (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).map(hashWord);

  it('gives the same words and hashes as the Unicode path', () => {
    for (const text of [
      'The QUICK brown_fox, jumps: over 12 lazy-dogs.',
      '  leading and trailing  ',
      'snake_case camelCase x1 _ __init__ [a](b) `code`',
      '',
      'end',
    ]) {
      expect(asciiWordHashes(text)).toEqual(unicodePath(text));
    }
  });

  it('leaves texts with non-ASCII characters to the Unicode path', () => {
    expect(asciiWordHashes('a naïve café')).toBeNull();
    expect(shingles('Ünïcode words here')).toEqual(shingles('ünïcode words here'));
  });
});
