/**
 * Exact nearest neighbours by brute force over a flat Float32Array of unit
 * vectors: the ground truth every approximate index is scored against, and the
 * speed an index has to beat. Plain JavaScript, one thread, no allocation in
 * the scan loop.
 */

/** The `k` best rows for one query, best first. */
export interface TopK {
  readonly rows: Int32Array;
  readonly similarities: Float32Array;
}

/** Dot product of `query` with row `row` of `data` (cosine for unit vectors). */
export function dotWithRow(data: Float32Array, row: number, query: Float32Array): number {
  const dimensions = query.length;
  const start = row * dimensions;
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let column = 0;
  for (; column + 3 < dimensions; column += 4) {
    sum0 += data[start + column]! * query[column]!;
    sum1 += data[start + column + 1]! * query[column + 1]!;
    sum2 += data[start + column + 2]! * query[column + 2]!;
    sum3 += data[start + column + 3]! * query[column + 3]!;
  }
  for (; column < dimensions; column++) sum0 += data[start + column]! * query[column]!;
  return sum0 + sum1 + sum2 + sum3;
}

/** Scans every row and keeps the `k` most similar; ties keep the lower row first. */
export function exactTopK(data: Float32Array, query: Float32Array, k: number): TopK {
  const rowTotal = Math.floor(data.length / query.length);
  const size = Math.min(k, rowTotal);
  const rows = new Int32Array(size).fill(-1);
  const similarities = new Float32Array(size).fill(-Infinity);
  let worst = -Infinity;
  for (let row = 0; row < rowTotal; row++) {
    const similarity = dotWithRow(data, row, query);
    if (similarity <= worst && rows[size - 1] !== -1) continue;
    // Insertion into the short sorted list; k is small (10-100).
    let position = size - 1;
    while (position > 0 && similarities[position - 1]! < similarity) {
      similarities[position] = similarities[position - 1]!;
      rows[position] = rows[position - 1]!;
      position--;
    }
    similarities[position] = similarity;
    rows[position] = row;
    worst = similarities[size - 1]!;
  }
  return { rows, similarities };
}
