/**
 * Retrieval quality measures over a ranked list of document URIs and a set of
 * relevant ones: recall@k, reciprocal rank and nDCG@k with binary relevance.
 */

/** Share of relevant documents found in the top k. */
export function recallAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  const found = new Set(ranked.slice(0, k).filter((uri) => relevant.has(uri)));
  return found.size / relevant.size;
}

/** 1 / rank of the first relevant document, 0 if none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const index = ranked.findIndex((uri) => relevant.has(uri));
  return index === -1 ? 0 : 1 / (index + 1);
}

/** Normalized discounted cumulative gain at k; each relevant document counts once. */
export function ndcgAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  const counted = new Set<string>();
  let gain = 0;
  ranked.slice(0, k).forEach((uri, index) => {
    if (relevant.has(uri) && !counted.has(uri)) {
      counted.add(uri);
      gain += 1 / Math.log2(index + 2);
    }
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(k, relevant.size); index += 1)
    ideal += 1 / Math.log2(index + 2);
  return gain / ideal;
}
