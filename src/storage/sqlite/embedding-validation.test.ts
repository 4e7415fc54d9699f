import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { blobToVector, validateVector, vectorToBlob } from './embedding-validation.js';

const spec = { modelId: 'm', dimensions: 3 };

function codeOf(work: () => void): string | undefined {
  try {
    work();
  } catch (error) {
    return ArchonError.isInstance(error) ? error.code : 'not an ArchonError';
  }
  return undefined;
}

describe('vector validation', () => {
  it('accepts finite vectors of the pinned size with a direction', () => {
    expect(
      codeOf(() => validateVector(Float32Array.from([0, -2, 0.5]), spec, 'v')),
    ).toBeUndefined();
  });

  it('names the problem of each bad vector', () => {
    expect(codeOf(() => validateVector([1, 2, 3], spec, 'v'))).toBe(ErrorCode.InvalidEmbedding);
    expect(codeOf(() => validateVector(new Float32Array(4).fill(1), spec, 'v'))).toBe(
      ErrorCode.EmbeddingMismatch,
    );
    expect(codeOf(() => validateVector(Float32Array.from([1, Number.NaN, 1]), spec, 'v'))).toBe(
      ErrorCode.InvalidEmbedding,
    );
    expect(codeOf(() => validateVector(Float32Array.from([-Infinity, 1, 1]), spec, 'v'))).toBe(
      ErrorCode.InvalidEmbedding,
    );
    expect(codeOf(() => validateVector(new Float32Array(3), spec, 'v'))).toBe(
      ErrorCode.InvalidEmbedding,
    );
  });

  it('says which vector and why in the message', () => {
    expect(() => validateVector(new Float32Array(2).fill(1), spec, 'vector of chunk 4')).toThrow(
      'vector of chunk 4 has 2 dimensions; the knowledge base uses m with 3',
    );
    expect(() => validateVector(new Float32Array(3), spec, 'query vector')).toThrow(
      'query vector is all zeros',
    );
  });

  it('round-trips vectors through BLOB bytes, aligned or not', () => {
    const vector = Float32Array.from([1.5, -2, 3.25]);
    expect(Array.from(blobToVector(vectorToBlob(vector)))).toEqual([1.5, -2, 3.25]);
    const shifted = Buffer.alloc(13);
    vectorToBlob(vector).copy(shifted, 1);
    expect(Array.from(blobToVector(shifted.subarray(1)))).toEqual([1.5, -2, 3.25]);
    const view = new Float32Array(Float32Array.from([9, 1.5, -2]).buffer, 4, 2);
    expect(Array.from(blobToVector(vectorToBlob(view)))).toEqual([1.5, -2]);
  });
});
