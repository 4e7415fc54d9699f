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

/**
 * Runs {@link timeEach} `passes` times and keeps the fastest pass. On a shared
 * or noisy machine the fastest pass is the best estimate of what the code can
 * do; every engine in a comparison must be measured the same way.
 */
export function fastestOfPasses(
  passes: number,
  count: number,
  work: (index: number) => void,
): { latencies: number[]; perSecond: number } {
  let best = timeEach(count, work);
  for (let pass = 1; pass < passes; pass++) {
    const next = timeEach(count, work);
    if (next.perSecond > best.perSecond) best = next;
  }
  return best;
}
