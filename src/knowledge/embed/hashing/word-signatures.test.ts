import { describe, expect, it } from 'vitest';

import { WordSignatures } from './word-signatures.js';

/** `word` laid out as the vectorizer lays out a part: a begin marker, the word, room after. */
function partOf(word: string): Uint16Array {
  const part = new Uint16Array(word.length + 2);
  part[0] = 0x02;
  for (let index = 0; index < word.length; index += 1) part[index + 1] = word.charCodeAt(index);
  return part;
}

function sumsOf(signatures: WordSignatures, dimensions = 64): Float64Array {
  const sums = new Float64Array(dimensions);
  signatures.addTo(sums);
  return sums;
}

describe('WordSignatures', () => {
  it('tells apart words whose hashes collide, by their characters', () => {
    const colliding = new WordSignatures(64, 0.25);
    colliding.count(42, partOf('alpha'), 5);
    colliding.count(42, partOf('bravo'), 5);
    expect(colliding.distinctWords).toBe(2);
    const alone = new WordSignatures(64, 0.25);
    alone.count(42, partOf('alpha'), 5);
    const alpha = sumsOf(alone);
    alone.count(42, partOf('bravo'), 5);
    const bravo = sumsOf(alone);
    // Each word keeps its own signature: the sums are those of the two words alone.
    sumsOf(colliding).forEach((value, index) =>
      expect(value).toBeCloseTo((alpha[index] ?? 0) + (bravo[index] ?? 0), 12),
    );
  });

  it('weighs a word by 1 + ln(count) and starts each text with no counts', () => {
    const signatures = new WordSignatures(1, 0.25);
    for (let time = 0; time < 3; time += 1) signatures.count(7, partOf('pool'), 4);
    expect(signatures.distinctWords).toBe(1);
    const once = new WordSignatures(1, 0.25);
    once.count(7, partOf('pool'), 4);
    const [thrice] = sumsOf(signatures, 1);
    const [single] = sumsOf(once, 1);
    expect(thrice).toBeCloseTo((single ?? 0) * (1 + Math.log(3)), 12);
    expect(signatures.distinctWords).toBe(0);
    expect(sumsOf(signatures, 1)[0]).toBe(0);
  });

  it('keeps counting past its initial table and after emptying a full cache', () => {
    const signatures = new WordSignatures(32, 0.25);
    const reference = new WordSignatures(32, 0.25);
    reference.count(1, partOf('last'), 4);
    const expected = sumsOf(reference, 32);
    for (let index = 0; index < 70_000; index += 1) {
      const word = `w${index}`;
      signatures.count(index * 2_654_435_761, partOf(word), word.length);
    }
    expect(signatures.distinctWords).toBe(70_000);
    sumsOf(signatures, 32);
    signatures.count(1, partOf('last'), 4);
    expect(sumsOf(signatures, 32)).toEqual(expected);
  });
});
