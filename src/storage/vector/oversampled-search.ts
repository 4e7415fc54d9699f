/**
 * Filtered search for an approximate index that cannot filter by itself.
 * usearch's C++ core accepts a predicate during graph traversal, but its
 * Node.js binding does not expose one, so we ask for more neighbours than
 * needed and drop the rejected ones, growing the request geometrically until
 * `limit` accepted matches are found or the whole index has been asked for.
 * Cost grows with how selective the filter is: a filter that accepts 1 in
 * 1,000 ids ends in a search as wide as the index. Callers that know a
 * filter is that narrow should scan the accepted candidates exactly instead.
 */
import type { VectorMatch } from '../../core/vector-index.js';

/** How much wider than `limit` the first request is, and how fast requests grow. */
const growthFactor = 4;

/**
 * Returns up to `limit` matches whose ids `accept` approves, best first.
 * `searchTop(k)` must return the best `k` (or fewer) matches of the index,
 * best first; `total` is the number of vectors in the index. `accept` is
 * called at most once per id.
 */
export function searchAccepted(
  searchTop: (k: number) => readonly VectorMatch[],
  limit: number,
  total: number,
  accept: (id: number) => boolean,
): VectorMatch[] {
  if (limit <= 0 || total <= 0) return [];
  const decisions = new Map<number, boolean>();
  const isAccepted = (id: number): boolean => {
    let decision = decisions.get(id);
    if (decision === undefined) {
      decision = accept(id);
      decisions.set(id, decision);
    }
    return decision;
  };
  let k = Math.min(total, limit * growthFactor);
  for (;;) {
    const accepted: VectorMatch[] = [];
    for (const match of searchTop(k)) {
      if (!isAccepted(match.id)) continue;
      accepted.push(match);
      if (accepted.length === limit) return accepted;
    }
    if (k >= total) return accepted;
    k = Math.min(total, k * growthFactor);
  }
}
