/**
 * Checks a vector before it reaches storage or a search: the dimension the
 * knowledge base was built with, finite values, and not all zero (a zero vector
 * has no direction, so cosine similarity is undefined for it).
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Throws EMBEDDING_MISMATCH or INVALID_EMBEDDING when `vector` cannot be stored or searched. */
export function validateVector(vector: unknown, spec: EmbeddingSpec, label: string): void {
  if (!(vector instanceof Float32Array)) {
    throw new ArchonError(ErrorCode.InvalidEmbedding, `${label} is not a Float32Array`);
  }
  if (vector.length !== spec.dimensions) {
    throw new ArchonError(
      ErrorCode.EmbeddingMismatch,
      `${label} has ${vector.length} dimensions; the knowledge base uses ${spec.modelId} with ${spec.dimensions}`,
      { details: { expected: spec.dimensions, actual: vector.length, modelId: spec.modelId } },
    );
  }
  let nonZero = false;
  for (let index = 0; index < vector.length; index += 1) {
    const value = vector[index] as number;
    if (!Number.isFinite(value)) {
      throw new ArchonError(
        ErrorCode.InvalidEmbedding,
        `${label} has a non-finite value (${value}) at position ${index}`,
      );
    }
    if (value !== 0) nonZero = true;
  }
  if (!nonZero) throw new ArchonError(ErrorCode.InvalidEmbedding, `${label} is all zeros`);
}

/** A zero-copy view of a vector's bytes, for binding as a BLOB. */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** The vector stored in a BLOB (copied when the bytes are not 4-byte aligned). */
export function blobToVector(blob: Buffer): Float32Array {
  const length = blob.byteLength / Float32Array.BYTES_PER_ELEMENT;
  if (blob.byteOffset % Float32Array.BYTES_PER_ELEMENT === 0) {
    return new Float32Array(blob.buffer, blob.byteOffset, length);
  }
  return new Float32Array(Uint8Array.prototype.slice.call(blob).buffer, 0, length);
}
