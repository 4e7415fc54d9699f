/**
 * Helpers over flat row-major Float32Array matrices of unit vectors: the layout
 * every benchmark, the exact scan and the Python baselines share.
 */

/** Scales `row` of a flat matrix to unit length in place (zero rows stay zero). */
export function normalizeRow(matrix: Float32Array, row: number, dimensions: number): void {
  const start = row * dimensions;
  let squares = 0;
  for (let index = start; index < start + dimensions; index++) {
    const value = matrix[index]!;
    squares += value * value;
  }
  if (squares === 0) return;
  const scale = 1 / Math.sqrt(squares);
  for (let index = start; index < start + dimensions; index++) matrix[index]! *= scale;
}

/** A view of one row of a flat matrix (no copy). */
export function rowOf(matrix: Float32Array, row: number, dimensions: number): Float32Array {
  return matrix.subarray(row * dimensions, (row + 1) * dimensions);
}

/** Number of rows of a flat matrix. */
export function rowCount(matrix: Float32Array, dimensions: number): number {
  return Math.floor(matrix.length / dimensions);
}
