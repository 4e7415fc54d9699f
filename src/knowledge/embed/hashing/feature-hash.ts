/**
 * The 32-bit hashing behind the hashing embedder: FNV-1a over UTF-16 code units, folded
 * one unit at a time so callers hash ranges incrementally without building substrings,
 * and a murmur3-style finalizer that spreads the bits before they pick a dimension and
 * a sign. Pure integer arithmetic: the same text hashes the same on every machine.
 */

/** FNV-1a offset basis. Feature kinds start from it XORed with their own seed. */
export const fnvOffsetBasis = 0x811c9dc5;

/** Seed of word features (unigrams and whole identifiers). */
export const wordSeed = 0x5f3759df;
/** Seed of character n-gram features. */
export const characterGramSeed = 0x2545f491;
/** Seed of the fallback feature of texts without letters or digits. */
export const fallbackSeed = 0x61c88647;
const bigramSeed = 0x27d4eb2f;

/** One FNV-1a step: folds one UTF-16 code unit into the running hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** FNV-1a of a whole string, from a seed; used off the hot path (stopwords, fallback). */
export function hashString(text: string, seed: number): number {
  let hash = fnvOffsetBasis ^ seed;
  for (let index = 0; index < text.length; index += 1) {
    hash = hashStep(hash, text.charCodeAt(index));
  }
  return hash;
}

/** The feature of two consecutive words; order matters (`a b` differs from `b a`). */
export function bigramHash(previous: number, current: number): number {
  const rotated = (previous << 13) | (previous >>> 19);
  return Math.imul(rotated ^ bigramSeed, 0x85ebca6b) ^ current;
}

/** Murmur3's 32-bit finalizer: every input bit affects every output bit. */
export function finalizeHash(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/**
 * The factor that turns a finalized hash into a dimension: `floor(hash * factor)` picks
 * one of `dimensions` from the hash's top bits, without a slow integer modulo. Exact in
 * floating point (a division by a power of two), so every caller picks the same dimension.
 */
export function dimensionScale(dimensions: number): number {
  return dimensions / 4_294_967_296;
}
