/**
 * Near-duplicate collapse for search results: the same passage copied across files
 * (vendored docs, README copies) should show once, with the others counted. Runs on
 * every search, so shingles are hashed numbers and pairs whose sizes alone rule out
 * the threshold are never compared.
 */

const shingleSize = 3;
const wordPattern = /[\p{L}\p{N}_]+/gu;

/** Hashed word 3-shingles of a text (a text under three words is one shingle). */
export function shingles(text: string): Set<number> {
  const hashes =
    asciiWordHashes(text) ?? (text.toLowerCase().match(wordPattern) ?? []).map(hashWord);
  const result = new Set<number>();
  if (hashes.length < shingleSize) {
    if (hashes.length > 0) result.add(hashes.reduce(combine, 17));
    return result;
  }
  for (let index = 0; index + shingleSize <= hashes.length; index += 1) {
    result.add(
      combine(
        combine(combine(17, hashes[index] as number), hashes[index + 1] as number),
        hashes[index + 2] as number,
      ),
    );
  }
  return result;
}

/** Jaccard similarity of two shingle sets. */
export function jaccard(left: ReadonlySet<number>, right: ReadonlySet<number>): number {
  if (left.size === 0 && right.size === 0) return 1;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/**
 * Keeps the first of each group of near-duplicates (input is best-first), stopping
 * once `limit` items are kept, and reports how many each kept item absorbed.
 */
export function collapseNearDuplicates<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  options: { threshold?: number; limit?: number } = {},
): { item: T; duplicates: number }[] {
  const threshold = options.threshold ?? 0.85;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const kept: { item: T; duplicates: number; shingles: Set<number> }[] = [];
  for (const item of items) {
    const itemShingles = shingles(textOf(item));
    const twin = kept.find(
      (candidate) =>
        sizesAllow(candidate.shingles.size, itemShingles.size, threshold) &&
        jaccard(candidate.shingles, itemShingles) >= threshold,
    );
    if (twin !== undefined) {
      twin.duplicates += 1;
    } else if (kept.length < limit) {
      kept.push({ item, duplicates: 0, shingles: itemShingles });
    }
  }
  return kept.map(({ item, duplicates }) => ({ item, duplicates }));
}

/** Jaccard can reach `threshold` only if the smaller set is at least that share of the larger. */
function sizesAllow(left: number, right: number, threshold: number): boolean {
  const larger = Math.max(left, right);
  return larger === 0 || Math.min(left, right) / larger >= threshold;
}

/**
 * The word hashes of an all-ASCII text in one pass, lowercasing as it goes: the same
 * words and hashes as the Unicode path, without building the lowercase copy and the
 * word array. Null when the text has a non-ASCII character (the Unicode path decides).
 */
export function asciiWordHashes(text: string): number[] | null {
  const hashes: number[] = [];
  let hash = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128) return null;
    if (isAsciiWordCode(code)) {
      if (!inWord) {
        hash = 0x811c9dc5;
        inWord = true;
      }
      // `| 32` lowercases A-Z; digits and `_` already have that bit.
      hash = Math.imul(hash ^ (code >= 65 && code <= 90 ? code | 32 : code), 0x01000193);
    } else if (inWord) {
      hashes.push(hash >>> 0);
      inWord = false;
    }
  }
  if (inWord) hashes.push(hash >>> 0);
  return hashes;
}

function isAsciiWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95
  );
}

/** FNV-1a of a (lowercased) word's UTF-16 code units. */
export function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < word.length; index += 1) {
    hash = Math.imul(hash ^ word.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

function combine(seed: number, value: number): number {
  return (Math.imul(seed ^ value, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
}
