import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { assertValidVector, normalizeVector } from './vector-validation.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('assertValidVector', () => {
  it('accepts a finite, non-zero vector of the right length', () => {
    expect(() => assertValidVector(new Float32Array([0, 0.5, -0.5]), 3)).not.toThrow();
  });

  it('refuses a wrong length with EMBEDDING_MISMATCH, naming the vector', () => {
    expect(() => assertValidVector(new Float32Array(4).fill(1), 3, 'text 7 from m')).toThrow(
      'text 7 from m has 4 dimensions, expected 3',
    );
    expect(codeOf(() => assertValidVector(new Float32Array(2).fill(1), 3))).toBe(
      ErrorCode.EmbeddingMismatch,
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses %d with INVALID_EMBEDDING',
    (bad) => {
      const vector = new Float32Array([0.1, bad, 0.2]);
      expect(codeOf(() => assertValidVector(vector, 3))).toBe(ErrorCode.InvalidEmbedding);
      expect(() => assertValidVector(vector, 3)).toThrow(
        `vector holds ${String(bad)} at position 1`,
      );
    },
  );

  it('refuses an all-zero or vanishing vector with INVALID_EMBEDDING', () => {
    expect(codeOf(() => assertValidVector(new Float32Array(3), 3))).toBe(
      ErrorCode.InvalidEmbedding,
    );
    expect(codeOf(() => assertValidVector(new Float32Array([1e-8, 0, 0]), 3))).toBe(
      ErrorCode.InvalidEmbedding,
    );
  });

  it('refuses something that is not a Float32Array', () => {
    const notAVector = [1, 2, 3] as unknown as Float32Array;
    expect(codeOf(() => assertValidVector(notAVector, 3))).toBe(ErrorCode.InvalidEmbedding);
  });
});

describe('normalizeVector', () => {
  it('scales to unit length in place and returns the same array', () => {
    const vector = new Float32Array([3, 4]);
    expect(normalizeVector(vector)).toBe(vector);
    expect(Array.from(vector)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('refuses zero and non-finite vectors', () => {
    expect(codeOf(() => normalizeVector(new Float32Array(2)))).toBe(ErrorCode.InvalidEmbedding);
    expect(codeOf(() => normalizeVector(new Float32Array([Number.NaN, 1])))).toBe(
      ErrorCode.InvalidEmbedding,
    );
  });
});
