import { describe, expect, it } from 'vitest';

import {
  bigramHash,
  dimensionScale,
  finalizeHash,
  fnvOffsetBasis,
  hashStep,
  hashString,
} from './feature-hash.js';

describe('feature hashing', () => {
  it('is standard 32-bit FNV-1a over UTF-16 code units (ASCII matches the byte reference values)', () => {
    expect(hashString('', 0) >>> 0).toBe(0x811c9dc5);
    expect(hashString('a', 0) >>> 0).toBe(0xe40c292c);
    expect(hashString('foobar', 0) >>> 0).toBe(0xbf9cf968);
  });

  it('hashes a range incrementally to the same value as the whole string', () => {
    let hash = fnvOffsetBasis ^ 7;
    for (const character of 'increment') hash = hashStep(hash, character.charCodeAt(0));
    expect(hash).toBe(hashString('increment', 7));
  });

  it('gives different seeds different hashes of the same text', () => {
    expect(hashString('word', 1)).not.toBe(hashString('word', 2));
  });

  it('makes bigrams order-sensitive', () => {
    const first = hashString('first', 0);
    const second = hashString('second', 0);
    expect(bigramHash(first, second)).not.toBe(bigramHash(second, first));
  });

  it('finalizes to unsigned 32-bit values that differ in many bits for neighbouring inputs', () => {
    const left = finalizeHash(1);
    const right = finalizeHash(2);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBeLessThan(2 ** 32);
    const differingBits = (left ^ right).toString(2).replace(/0/g, '').length;
    expect(differingBits).toBeGreaterThan(8);
  });

  it('picks a dimension from the top bits, in range and as exact integer division would', () => {
    for (const dimensions of [8, 96, 384, 1000, 65_536]) {
      const scale = dimensionScale(dimensions);
      for (const hash of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, finalizeHash(12_345)]) {
        const dimension = Math.floor(hash * scale);
        expect(dimension).toBe(Number((BigInt(hash) * BigInt(dimensions)) >> 32n));
        expect(dimension).toBeGreaterThanOrEqual(0);
        expect(dimension).toBeLessThan(dimensions);
      }
    }
  });
});
