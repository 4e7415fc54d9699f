/**
 * Deterministic pseudo-random numbers for benchmarks and tests. Runs must be
 * repeatable across machines, so nothing here touches `Math.random`.
 */

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A small, fast 32-bit generator (mulberry32). Good enough statistically for
 * synthetic data; not for anything security related.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Standard normal samples (Box-Muller), two per pair of uniforms; the spare
 * sample is kept so no randomness is wasted.
 */
export function createGaussianSource(random: RandomSource): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
