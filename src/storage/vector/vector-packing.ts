/**
 * Turns the caller's vectors into the one flat typed array the native index
 * takes, checking each on the way: right length, finite, not all zeros. For
 * `i8` indexes each vector is quantized with its own scale so that its largest
 * component maps to ±127. Cosine similarity does not depend on a vector's
 * length, so the scale is not stored, and rounding (not truncation) keeps the
 * error below half a step: about 7 bits per component instead of the 3 that
 * scaling by the L2 norm leaves on 384-dimensional unit vectors.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { NativeScalarKind } from './usearch-binding.js';

/**
 * Packs `vectors` row by row into a Float32Array (f32, f16: the native side
 * converts) or an Int8Array (i8). `labelOf(row)` names a row in error messages.
 */
export function packVectors(
  vectors: readonly Float32Array[],
  dimensions: number,
  quantization: NativeScalarKind,
  labelOf: (row: number) => string,
): Float32Array | Int8Array {
  const packed =
    quantization === 'i8'
      ? new Int8Array(vectors.length * dimensions)
      : new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => {
    const largest = largestMagnitude(vector, dimensions, labelOf(row));
    if (packed instanceof Int8Array) {
      const scale = 127 / largest;
      const offset = row * dimensions;
      for (let column = 0; column < dimensions; column++) {
        packed[offset + column] = Math.round(vector[column]! * scale);
      }
    } else {
      packed.set(vector, row * dimensions);
    }
  });
  return packed;
}

/** Largest absolute component; throws INVALID_EMBEDDING for a wrong length, NaN, infinity or all zeros. */
function largestMagnitude(vector: Float32Array, dimensions: number, label: string): number {
  if (!(vector instanceof Float32Array) || vector.length !== dimensions) {
    const problem =
      vector instanceof Float32Array ? `has ${vector.length} dimensions` : 'is not a Float32Array';
    throw new ArchonError(
      ErrorCode.InvalidEmbedding,
      `${label} ${problem}; the vector index expects ${dimensions} dimensions`,
      { details: { expected: dimensions } },
    );
  }
  let largest = 0;
  for (let column = 0; column < dimensions; column++) {
    const magnitude = Math.abs(vector[column]!);
    if (!Number.isFinite(magnitude)) {
      throw new ArchonError(
        ErrorCode.InvalidEmbedding,
        `${label} has a non-finite value at position ${column}`,
      );
    }
    if (magnitude > largest) largest = magnitude;
  }
  if (largest === 0) {
    throw new ArchonError(
      ErrorCode.InvalidEmbedding,
      `${label} is all zeros and has no direction to compare`,
    );
  }
  return largest;
}
