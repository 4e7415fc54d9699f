/**
 * Recall@k: the share of the true k nearest neighbours an approximate search
 * found, averaged over queries. Order inside the top k does not matter.
 */

/**
 * Mean recall over queries. `truth[q]` and `found[q]` hold ids (or rows) for
 * query q; only the first `k` of each count.
 */
export function recallAtK(
  truth: readonly ArrayLike<number>[],
  found: readonly ArrayLike<number>[],
  k: number,
): number {
  if (truth.length !== found.length) {
    throw new Error(`recallAtK: ${truth.length} truth lists but ${found.length} result lists`);
  }
  if (truth.length === 0) return 0;
  let total = 0;
  for (let query = 0; query < truth.length; query++) {
    const expected = new Set<number>();
    const truthList = truth[query]!;
    for (let index = 0; index < Math.min(k, truthList.length); index++)
      expected.add(truthList[index]!);
    const foundList = found[query]!;
    let hits = 0;
    for (let index = 0; index < Math.min(k, foundList.length); index++) {
      if (expected.has(foundList[index]!)) hits++;
    }
    total += expected.size === 0 ? 1 : hits / expected.size;
  }
  return total / truth.length;
}
