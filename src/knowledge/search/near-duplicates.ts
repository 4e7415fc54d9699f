/**
 * Near-duplicate collapse for search results: the same passage copied across files
 * (vendored docs, README copies) should show once, with the others counted.
 */

const shingleSize = 3;

/** Word 3-shingles of a text, hashed, for a cheap Jaccard estimate. */
export function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const result = new Set<string>();
  if (words.length < shingleSize) {
    if (words.length > 0) result.add(words.join(' '));
    return result;
  }
  for (let index = 0; index + shingleSize <= words.length; index += 1) {
    result.add(words.slice(index, index + shingleSize).join(' '));
  }
  return result;
}

/** Jaccard similarity of two shingle sets. */
export function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/**
 * Keeps the first of each group of near-duplicates (input is best-first) and reports
 * how many each kept item absorbed.
 */
export function collapseNearDuplicates<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  threshold = 0.85,
): { item: T; duplicates: number }[] {
  const kept: { item: T; duplicates: number; shingles: Set<string> }[] = [];
  for (const item of items) {
    const itemShingles = shingles(textOf(item));
    const twin = kept.find((candidate) => jaccard(candidate.shingles, itemShingles) >= threshold);
    if (twin !== undefined) {
      twin.duplicates += 1;
    } else {
      kept.push({ item, duplicates: 0, shingles: itemShingles });
    }
  }
  return kept.map(({ item, duplicates }) => ({ item, duplicates }));
}
