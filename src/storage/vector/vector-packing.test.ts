import { describe, expect, it } from 'vitest';

import { packVectors } from './vector-packing.js';

const label = (row: number): string => `vector ${row}`;

describe('packVectors', () => {
  it('copies float vectors row by row', () => {
    const packed = packVectors(
      [new Float32Array([1, 2]), new Float32Array([3, 4])],
      2,
      'f16',
      label,
    );
    expect(packed).toBeInstanceOf(Float32Array);
    expect([...packed]).toEqual([1, 2, 3, 4]);
  });

  it('quantizes to int8 with a per-vector scale and rounding', () => {
    const packed = packVectors(
      [new Float32Array([0.5, -0.25, 0.1]), new Float32Array([0, 0, -2])],
      3,
      'i8',
      label,
    );
    expect(packed).toBeInstanceOf(Int8Array);
    // 0.5 is the largest magnitude: 127 / 0.5 = 254 per unit; -0.25 -> -63.5 -> -63 (round), 0.1 -> 25.4 -> 25.
    expect([...packed]).toEqual([127, -63, 25, 0, 0, -127]);
  });

  it('keeps cosine similarity within a small error after quantization', () => {
    const dimensions = 384;
    const left = Float32Array.from({ length: dimensions }, (_, index) => Math.sin(index * 0.7));
    const right = Float32Array.from({ length: dimensions }, (_, index) =>
      Math.sin(index * 0.7 + 0.4),
    );
    const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
      let dot = 0;
      let normA = 0;
      let normB = 0;
      for (let index = 0; index < dimensions; index++) {
        dot += a[index]! * b[index]!;
        normA += a[index]! ** 2;
        normB += b[index]! ** 2;
      }
      return dot / Math.sqrt(normA * normB);
    };
    const packed = packVectors([left, right], dimensions, 'i8', label);
    const quantized = cosine(packed.subarray(0, dimensions), packed.subarray(dimensions));
    expect(Math.abs(quantized - cosine(left, right))).toBeLessThan(0.002);
  });
});
