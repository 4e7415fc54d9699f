import { describe, expect, it } from 'vitest';

import { hashString, wordSeed } from './feature-hash.js';
import { isStopword } from './stopwords.js';

const wordHash = (word: string): number => hashString(word, wordSeed);

describe('isStopword (hashing embedder)', () => {
  it.each(['a', 'the', 'of', 'which', 'your'])('knows %j', (word) => {
    expect(isStopword(wordHash(word))).toBe(true);
  });

  it.each(['data', 'thee', 'how', 'server', ''])('lets %j through', (word) => {
    expect(isStopword(wordHash(word))).toBe(false);
  });

  it('never takes the empty-slot marker 0 for a stopword', () => {
    expect(isStopword(0)).toBe(false);
  });
});
