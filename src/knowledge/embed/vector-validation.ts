/**
 * The door every vector passes before it is stored or searched: right length, finite,
 * not zero. A bad vector stored once poisons every later search, so it is refused here
 * with a clear error rather than found later as odd rankings.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Vectors shorter than this are treated as zero: they have no usable direction. */
const minimumNorm = 1e-6;

/**
 * Throws unless `vector` is a Float32Array of `dimensions` finite values with a usable norm:
 * a wrong length is EMBEDDING_MISMATCH; NaN, Infinity or an all-zero vector is
 * INVALID_EMBEDDING. `context` names the vector in the message, e.g. `text 3 from hash:v1`.
 */
export function assertValidVector(
  vector: Float32Array,
  dimensions: number,
  context = 'vector',
): void {
  validSumOfSquares(vector, dimensions, context);
}

/**
 * {@link assertValidVector}, then {@link normalizeVector}, summing the squares once: the
 * same checks, errors and unit vector as calling both.
 */
export function assertValidAndNormalize(
  vector: Float32Array,
  dimensions: number,
  context = 'vector',
): Float32Array {
  return scaled(vector, 1 / Math.sqrt(validSumOfSquares(vector, dimensions, context)));
}

/** The sum of squares of a vector that passed {@link assertValidVector}'s checks. */
function validSumOfSquares(vector: Float32Array, dimensions: number, context: string): number {
  if (!(vector instanceof Float32Array)) {
    throw new ArchonError(ErrorCode.InvalidEmbedding, `${context} is not a Float32Array`);
  }
  if (vector.length !== dimensions) {
    throw new ArchonError(
      ErrorCode.EmbeddingMismatch,
      `${context} has ${vector.length} dimensions, expected ${dimensions}`,
      { details: { expected: dimensions, actual: vector.length } },
    );
  }
  const squares = sumOfSquares(vector);
  if (!Number.isFinite(squares)) {
    const position = vector.findIndex((value) => !Number.isFinite(value));
    throw new ArchonError(
      ErrorCode.InvalidEmbedding,
      `${context} holds ${String(vector[position])} at position ${position}`,
      { details: { position } },
    );
  }
  if (Math.sqrt(squares) < minimumNorm) {
    throw new ArchonError(ErrorCode.InvalidEmbedding, `${context} is all zeros`);
  }
  return squares;
}

/**
 * Scales `vector` to unit length in place and returns it. Throws INVALID_EMBEDDING for a
 * vector without a usable direction (zero, NaN or Infinity), which cannot be normalized.
 */
export function normalizeVector(vector: Float32Array): Float32Array {
  const norm = Math.sqrt(sumOfSquares(vector));
  if (!Number.isFinite(norm) || norm < minimumNorm) {
    throw new ArchonError(
      ErrorCode.InvalidEmbedding,
      'cannot normalize a zero or non-finite vector',
    );
  }
  return scaled(vector, 1 / norm);
}

/** `vector` multiplied by `scale` in place. */
function scaled(vector: Float32Array, scale: number): Float32Array {
  for (let index = 0; index < vector.length; index += 1) {
    vector[index] = (vector[index] as number) * scale;
  }
  return vector;
}

function sumOfSquares(vector: Float32Array): number {
  let squares = 0;
  for (let index = 0; index < vector.length; index += 1) {
    const value = vector[index] as number;
    squares += value * value;
  }
  return squares;
}
