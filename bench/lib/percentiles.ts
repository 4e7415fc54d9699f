/**
 * Percentiles of latency samples, by linear interpolation between closest
 * ranks (the same definition as NumPy's default), so numbers compare across
 * the TypeScript and Python sides of a benchmark.
 */

/**
 * The percentiles `ps` (each in [0, 100]) of `values`, in the order asked.
 * An empty input gives NaN for every percentile.
 */
export function percentiles(values: readonly number[], ps: readonly number[]): number[] {
  if (values.length === 0) return ps.map(() => Number.NaN);
  const sorted = [...values].sort((left, right) => left - right);
  return ps.map((p) => {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
    const rank = (p / 100) * (sorted.length - 1);
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    const fraction = rank - lower;
    return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction;
  });
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
