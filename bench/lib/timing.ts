/**
 * Wall-clock timing for benchmarks, on the monotonic high-resolution clock.
 */

/** Milliseconds from an arbitrary monotonic origin. */
export function nowMilliseconds(): number {
  return performance.now();
}

/** Runs `work` once and returns its result with the elapsed seconds. */
export function timed<T>(work: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/**
 * Runs `work(index)` for each index in [0, count) and returns the latency of
 * each call in milliseconds plus the overall rate in calls per second.
 */
export function timeEach(
  count: number,
  work: (index: number) => void,
): { latencies: number[]; perSecond: number } {
  const latencies = new Array<number>(count);
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    const before = performance.now();
    work(index);
    latencies[index] = performance.now() - before;
  }
  const totalSeconds = (performance.now() - start) / 1000;
  return {
    latencies,
    perSecond: totalSeconds > 0 ? count / totalSeconds : Number.POSITIVE_INFINITY,
  };
}
