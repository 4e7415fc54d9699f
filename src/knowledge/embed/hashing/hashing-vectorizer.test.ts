import { describe, expect, it } from 'vitest';

import {
  classOf,
  connectorClass,
  lowercaseOf,
  lowerClass,
  separatorClass,
  upperClass,
} from './character-tables.js';
import {
  bigramHash,
  characterGramSeed,
  fallbackSeed,
  finalizeHash,
  hashString,
  wordSeed,
} from './feature-hash.js';
import { featureWeights, HashingVectorizer } from './hashing-vectorizer.js';
import { isStopword } from './stopwords.js';

/**
 * A deliberately plain hash:v1 and hash:v2: words as strings, features and (v2) words in
 * insertion-ordered Maps, no reuse. The optimized vectorizer must match it to the bit, so
 * any change to how it counts (caching, batching, table layout) that alters a vector
 * fails here. v1 counts every feature. v2 adds each bigram as it comes (weight 0.5, no
 * counting), then the counted features, then each non-stopword word's unigram and
 * n-grams once, weighted by the word's count.
 */
function referenceVector(text: string, dimensions: number, version: 1 | 2 = 1): Float32Array {
  const counts = new Map<number, number>();
  const words = new Map<string, number>();
  const bigrams: number[] = [];
  const count = (feature: number, kind: number): void => {
    let key = (feature & -4) | kind;
    if (key === 0) key = 4;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  let previous: number | undefined;
  for (const token of referenceTokens(text)) {
    for (const part of token) {
      const word = hashString(part, wordSeed);
      const stopword = isStopword(word);
      if (version === 1 || stopword) count(word, stopword ? 1 : 0);
      if (previous !== undefined) {
        if (version === 1) count(bigramHash(previous, word), 2);
        else bigrams.push(bigramHash(previous, word));
      }
      previous = word;
      if (stopword) continue;
      if (version === 1) for (const gram of characterGrams(part)) count(gram, 3);
      else words.set(part, (words.get(part) ?? 0) + 1);
    }
    if (token.length > 1) count(hashString(token.join(''), wordSeed), 0);
  }
  if (counts.size === 0 && words.size === 0) count(hashString(text, fallbackSeed), 0);
  const sums = new Float64Array(dimensions);
  const addFeature = (feature: number, kind: number, magnitude: number): void => {
    let key = (feature & -4) | kind;
    if (key === 0) key = 4;
    const mixed = finalizeHash(key);
    const dimension = Math.floor((mixed * dimensions) / 4_294_967_296);
    sums[dimension] = (sums[dimension] as number) + ((mixed & 1) === 0 ? magnitude : -magnitude);
  };
  for (const bigram of bigrams) addFeature(bigram, 2, featureWeights[2]);
  for (const [key, times] of counts) {
    addFeature(key, key & 3, (featureWeights[key & 3] as number) * (1 + Math.log(times)));
  }
  for (const [part, times] of words) {
    const scale = 1 + Math.log(times);
    addFeature(hashString(part, wordSeed), 0, (featureWeights[0] as number) * scale);
    for (const gram of characterGrams(part)) addFeature(gram, 3, featureWeights[3] * scale);
  }
  return normalizedReference(sums, text);
}

/** Tokens as lists of lowercased parts, split as the vectorizer documents. */
function referenceTokens(text: string): string[][] {
  const tokens: string[][] = [];
  let token: string[] = [];
  let part = '';
  let previousClass = separatorClass;
  const endPart = (): void => {
    if (part !== '') token.push(part);
    part = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const kind = classOf(code);
    if (kind === separatorClass || kind === connectorClass) {
      endPart();
      if (kind === separatorClass && token.length > 0) tokens.push(token);
      if (kind === separatorClass) token = [];
    } else {
      if (kind === upperClass && part !== '' && startsNewPart(text, index, previousClass)) {
        endPart();
      }
      part += String.fromCharCode(lowercaseOf(code));
    }
    previousClass = kind;
  }
  endPart();
  if (token.length > 0) tokens.push(token);
  return tokens;
}

function startsNewPart(text: string, index: number, previousClass: number): boolean {
  if (previousClass !== upperClass) return true;
  return (
    index + 2 < text.length &&
    classOf(text.charCodeAt(index + 1)) === lowerClass &&
    classOf(text.charCodeAt(index + 2)) === lowerClass
  );
}

/** Hashes of the 3- to 5-grams of `\u0002part\u0003`, by start, shortest first. */
function characterGrams(part: string): number[] {
  const marked = `\u0002${part}\u0003`;
  const grams: number[] = [];
  for (let start = 0; start + 3 <= marked.length; start += 1) {
    for (let size = 3; size <= 5 && start + size <= marked.length; size += 1) {
      grams.push(hashString(marked.slice(start, start + size), characterGramSeed));
    }
  }
  return grams;
}

function normalizedReference(sums: Float64Array, text: string): Float32Array {
  let squares = 0;
  for (const value of sums) squares += value * value;
  const vector = new Float32Array(sums.length);
  if (squares < 1e-12) {
    const mixed = finalizeHash(hashString(text, fallbackSeed));
    vector[Math.floor((mixed * sums.length) / 4_294_967_296)] = (mixed & 1) === 0 ? 1 : -1;
    return vector;
  }
  const scale = 1 / Math.sqrt(squares);
  for (let index = 0; index < sums.length; index += 1) {
    vector[index] = (sums[index] as number) * scale;
  }
  return vector;
}

function bytesOf(vector: Float32Array): number[] {
  return Array.from(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
}

const repeated = 'the pool pool retries the pool; Pool POOL pools, retry the retries '.repeat(40);
const texts = [
  '',
  '!!! ---',
  'a',
  'getUserById get_user_by_id http.Server HTTPServer URLs v2Api',
  repeated,
  `${'x'.repeat(600)} ${'x'.repeat(600)} ${'xy'.repeat(300)} tail`,
  'Crème brûlée 数据库 🚀 Ünïcödé ÜNÏCÖDÉ straße STRASSE ǅemal İstanbul',
  'aaaa aaaaa aaaa abab ababab abab',
  Array.from({ length: 3_000 }, (_, index) => `word${index % 700} w${index}`).join(' '),
];

describe.each([1, 2] as const)('HashingVectorizer, hash:v%s', (version) => {
  it('matches a plain reference implementation to the bit', () => {
    const vectorizer = new HashingVectorizer(384, version);
    for (const text of texts) {
      expect(bytesOf(vectorizer.vectorize(text))).toEqual(
        bytesOf(referenceVector(text, 384, version)),
      );
    }
  });

  it('matches the reference in few dimensions, where many features share one', () => {
    const vectorizer = new HashingVectorizer(8, version);
    for (const text of texts) {
      expect(bytesOf(vectorizer.vectorize(text))).toEqual(
        bytesOf(referenceVector(text, 8, version)),
      );
    }
  });

  it('matches the reference on a text large enough to grow its tables, and after it', () => {
    const vectorizer = new HashingVectorizer(64, version);
    const huge = Array.from({ length: 40_000 }, (_, index) => `term${index % 9_000}`).join(' ');
    expect(bytesOf(vectorizer.vectorize(huge))).toEqual(
      bytesOf(referenceVector(huge, 64, version)),
    );
    expect(bytesOf(vectorizer.vectorize(repeated))).toEqual(
      bytesOf(referenceVector(repeated, 64, version)),
    );
  });

  it('writes the same vector into a given array, whatever that array held', () => {
    const vectorizer = new HashingVectorizer(384, version);
    const rows = new Float32Array(3 * 384);
    for (const text of texts) {
      rows.fill(Number.NaN);
      const into = rows.subarray(384, 768);
      expect(vectorizer.vectorize(text, into)).toBe(into);
      expect(bytesOf(into)).toEqual(bytesOf(referenceVector(text, 384, version)));
      // The neighbouring rows are left alone.
      expect(rows.subarray(0, 384).every(Number.isNaN)).toBe(true);
      expect(rows.subarray(768).every(Number.isNaN)).toBe(true);
    }
  });

  it('gives a text the same vector whatever came before it', () => {
    const fresh = new HashingVectorizer(384, version);
    const used = new HashingVectorizer(384, version);
    // Past hash:v2's retained cache (65,536 words), so it empties between texts.
    const many = Array.from({ length: 70_000 }, (_, index) => `w${index}x`).join(' ');
    used.vectorize(many);
    for (const text of texts) {
      expect(bytesOf(used.vectorize(text))).toEqual(bytesOf(fresh.vectorize(text)));
    }
  });
});

describe('hash:v1 and hash:v2', () => {
  it('agree on features when no two words share an n-gram, repeated or not', () => {
    const text = 'alpha bravo alpha';
    const v1 = new HashingVectorizer(384, 1).vectorize(text);
    const v2 = new HashingVectorizer(384, 2).vectorize(text);
    // The same sums, added in another order: equal up to rounding.
    v1.forEach((value, index) => expect(v2[index]).toBeCloseTo(value, 6));
  });

  it('differ once words share n-grams: v1 weighs each shared n-gram by 1 + ln(count), v2 adds it per word', () => {
    const text = 'connection connected';
    expect(bytesOf(new HashingVectorizer(384, 2).vectorize(text))).not.toEqual(
      bytesOf(new HashingVectorizer(384, 1).vectorize(text)),
    );
  });

  it('differ when a bigram repeats: v1 weighs it by 1 + ln(count), v2 by its count', () => {
    // Only the bigram "policy retry" is new in the second half; "retry policy" comes twice.
    const text = 'retry policy retry policy';
    const v1 = new HashingVectorizer(384, 1).vectorize(text);
    const v2 = new HashingVectorizer(384, 2).vectorize(text);
    expect(v1.some((value, index) => Math.abs(value - (v2[index] ?? 0)) > 1e-3)).toBe(true);
  });
});
