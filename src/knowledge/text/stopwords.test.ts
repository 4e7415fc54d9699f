import { describe, expect, it } from 'vitest';

import { isStopword, shortWordKey, STOPWORDS, wordCodes } from './stopwords.js';

describe('stopwords', () => {
  it('recognises every listed word in any case, inside a longer text', () => {
    for (const word of STOPWORDS) {
      const text = `xx ${word.toUpperCase()} yy`;
      expect(isStopword(wordCodes(text), 3, 3 + word.length)).toBe(true);
    }
  });

  it('rejects words not on the list, long words and non-letters', () => {
    expect(isStopword(wordCodes('not'), 0, 3)).toBe(false);
    expect(isStopword(wordCodes('will'), 0, 4)).toBe(false);
    expect(isStopword(wordCodes('theres'), 0, 6)).toBe(false);
    expect(isStopword(wordCodes('t0'), 0, 2)).toBe(false);
    expect(isStopword(wordCodes('tó'), 0, 2)).toBe(false);
  });

  it('gives distinct keys to distinct short words and -1 to anything else', () => {
    const keys = new Set(STOPWORDS.map((word) => shortWordKey(wordCodes(word), 0, word.length)));
    expect(keys.size).toBe(STOPWORDS.length);
    expect(shortWordKey(wordCodes('toolong'), 0, 7)).toBe(-1);
    expect(shortWordKey(wordCodes('a_b'), 0, 3)).toBe(-1);
  });
});
