import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  estimateTokens,
  estimateTokensInRange,
  holdDocumentText,
  releaseDocumentText,
} from './token-estimate.js';

const PROSE =
  'Retrieval works best when every chunk is about one thing. A chunk that mixes an ' +
  'installation guide with a troubleshooting section matches both kinds of question ' +
  'poorly, so the chunker follows the structure of the document: headings first, then ' +
  'paragraphs, then sentences. Each chunk remembers the headings above it, which lets a ' +
  'reader see where an answer came from without opening the whole document.';

/** Characters of every kind the estimator distinguishes. */
const character = fc.constantFrom(...'aebzAEZ09_.,;(){}=>-# \t\n\réÉßяΩ日本語、🎉'.split(''), '🎉');
const text = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(character, { minLength, maxLength }).map((characters) => characters.join(''));

describe('estimateTokens', () => {
  it('counts nothing in empty or space-only text', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('   \t ')).toBe(0);
  });

  it('estimates English prose at roughly four characters per token', () => {
    const charactersPerToken = PROSE.length / estimateTokens(PROSE);
    expect(charactersPerToken).toBeGreaterThan(3.5);
    expect(charactersPerToken).toBeLessThan(5.5);
  });

  it('counts a short word once and splits long words and identifiers', () => {
    expect(estimateTokens('hello')).toBe(1);
    expect(estimateTokens('internationalization')).toBe(2);
    expect(estimateTokens('getUserById')).toBe(4);
    expect(estimateTokens('snake_case_name')).toBe(3);
    expect(estimateTokens('HTTPServer')).toBe(1);
  });

  it('counts digits in threes, punctuation in threes, and line breaks once per run', () => {
    expect(estimateTokens('1234567')).toBe(3);
    expect(estimateTokens('();')).toBe(1);
    expect(estimateTokens('=>{}')).toBe(2);
    expect(estimateTokens('a\n\n\nb')).toBe(3);
    expect(estimateTokens('a  b')).toBe(2);
  });

  it('charges accented, other-script and CJK characters', () => {
    expect(estimateTokens('café')).toBe(2);
    expect(estimateTokens('привет')).toBe(3);
    expect(estimateTokens('日本語')).toBe(3);
    expect(estimateTokens('🎉')).toBe(2);
  });

  it('counts code denser than prose', () => {
    const code =
      'export async function fetchUser(id: string): Promise<User> {\n  return db.get(id);\n}';
    expect(code.length / estimateTokens(code)).toBeLessThan(PROSE.length / estimateTokens(PROSE));
  });

  it('estimates a range without slicing', () => {
    const text = `xx ${PROSE} yy`;
    expect(estimateTokensInRange(text, 3, 3 + PROSE.length)).toBe(estimateTokens(PROSE));
  });

  it('never decreases when text is appended', () => {
    fc.assert(
      fc.property(text(0, 60), text(0, 60), (a, b) => {
        expect(estimateTokens(a + b)).toBeGreaterThanOrEqual(estimateTokens(a));
      }),
      { numRuns: 1000 },
    );
  });

  it('is additive across whitespace between trimmed texts', () => {
    const word = text(1, 40).map((value) => value.trim());
    const gap = fc.constantFrom(' ', '\n', '\n\n', '  \n  ', '\n\t\t', ' \t');
    fc.assert(
      fc.property(word, gap, word, (a, between, b) => {
        fc.pre(a !== '' && b !== '');
        const joined = estimateTokens(a + between + b);
        expect(joined).toBe(estimateTokens(a) + estimateTokens(between) + estimateTokens(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same estimates for a held document, other texts meanwhile, and after release', () => {
    fc.assert(
      fc.property(text(0, 80), text(0, 20), fc.nat(), fc.nat(), (document, other, a, b) => {
        const start = Math.min(a, b) % (document.length + 1);
        const end = Math.max(start, Math.max(a, b) % (document.length + 1));
        const expected = estimateTokensInRange(document, start, end);
        const otherExpected = estimateTokens(other);
        holdDocumentText(document);
        try {
          expect(estimateTokensInRange(document, start, end)).toBe(expected);
          expect(estimateTokens(other)).toBe(otherExpected);
          expect(estimateTokensInRange(document, start, end)).toBe(expected);
        } finally {
          releaseDocumentText();
        }
        expect(estimateTokensInRange(document, start, end)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('holds a document too long for the shared buffer', () => {
    const long = `${PROSE}\n`.repeat(Math.ceil((1 << 20) / PROSE.length) + 1);
    const expected = estimateTokens(long);
    holdDocumentText(long);
    try {
      expect(estimateTokens(long)).toBe(expected);
      expect(estimateTokensInRange(long, 5, 500)).toBe(estimateTokens(long.slice(5, 500)));
    } finally {
      releaseDocumentText();
    }
  });
});
