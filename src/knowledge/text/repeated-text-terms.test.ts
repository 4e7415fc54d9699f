import { describe, expect, it } from 'vitest';

import { tokenizeForIndex } from './lexical-tokenizer.js';
import { RepeatedTextTerms } from './repeated-text-terms.js';

describe('RepeatedTextTerms', () => {
  it('returns on a repeat exactly what a fresh tokenization returns', () => {
    const terms = new RepeatedTextTerms();
    const text = 'Configuring getUserById > HTTP Retries';
    const first = terms.termsOf(text);
    // An equal string built separately, as a joined heading path is for every chunk.
    const again = terms.termsOf(['Configuring', 'getUserById', '>', 'HTTP', 'Retries'].join(' '));
    expect(first).toBe(tokenizeForIndex(text));
    expect(again).toBe(first);
  });

  it('does not confuse inputs that differ only slightly', () => {
    const terms = new RepeatedTextTerms();
    const inputs = ['Install', 'Install ', 'install', 'Installs', 'Install', '', 'a', 'A', ''];
    for (const input of inputs) expect(terms.termsOf(input)).toBe(tokenizeForIndex(input));
  });

  it('starts empty: the first input, even the empty string, is tokenized', () => {
    expect(new RepeatedTextTerms().termsOf('')).toBe('');
    expect(new RepeatedTextTerms().termsOf('Hello world')).toBe('hello world');
  });

  it('is unaffected by other tokenizations in between', () => {
    const terms = new RepeatedTextTerms();
    const title = 'snake_case_name and camelCase';
    const expected = tokenizeForIndex(title);
    terms.termsOf(title);
    tokenizeForIndex('something else entirely: os.path.join');
    expect(terms.termsOf(title)).toBe(expected);
  });
});
