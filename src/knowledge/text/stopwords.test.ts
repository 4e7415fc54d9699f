import { describe, expect, it } from 'vitest';

import { isStopword, shortWordKey, STOPWORDS } from './stopwords.js';

describe('stopwords', () => {
  it('recognises every listed word in any case, inside a longer text', () => {
    for (const word of STOPWORDS) {
      const text = `xx ${word.toUpperCase()} yy`;
      expect(isStopword(text, 3, 3 + word.length)).toBe(true);
    }
  });

  it('rejects words not on the list, long words and non-letters', () => {
    expect(isStopword('not', 0, 3)).toBe(false);
    expect(isStopword('will', 0, 4)).toBe(false);
    expect(isStopword('theres', 0, 6)).toBe(false);
    expect(isStopword('t0', 0, 2)).toBe(false);
    expect(isStopword('tó', 0, 2)).toBe(false);
  });

  it('gives distinct keys to distinct short words and -1 to anything else', () => {
    const keys = new Set(STOPWORDS.map((word) => shortWordKey(word, 0, word.length)));
    expect(keys.size).toBe(STOPWORDS.length);
    expect(shortWordKey('toolong', 0, 7)).toBe(-1);
    expect(shortWordKey('a_b', 0, 3)).toBe(-1);
  });
});
