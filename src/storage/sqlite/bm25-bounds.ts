/**
 * Score bounds of FTS5's bm25() for exact top-k pruning (MaxScore). FTS5 scores a
 * row as the sum over query terms of idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl)),
 * with k1 = 1.2, b = 0.75, idf = ln((rows - df + 0.5) / (df + 0.5)) floored at 1e-6,
 * and f the column-weighted count of the term in the row. Each term's share is below
 * idf * (k1 + 1), whatever the weights and lengths: a row that holds only terms whose
 * bounds add up to less than the k-th best score found can never enter the top k.
 */

/** FTS5's bm25 constants (fts5_aux.c). */
const k1 = 1.2;
const smallestIdf = 1e-6;
/** Relative slack against rounding: pruning only when the bound is clearly below. */
const rounding = 1e-9;

/** A query term with its document frequency. */
export interface TermFrequency {
  readonly term: string;
  /** Rows holding the term (exact, or a lower bound: the bound only grows). */
  readonly documentFrequency: number;
}

/** A term with the most any row can get from it. */
export interface BoundedTerm {
  readonly term: string;
  readonly bound: number;
}

/**
 * The most one term can add to a row's bm25 score. `rows` may overstate the table's
 * row count and `documentFrequency` understate the term's: both only raise the bound.
 */
export function bm25TermBound(documentFrequency: number, rows: number): number {
  const idf = Math.log((rows - documentFrequency + 0.5) / (documentFrequency + 0.5));
  return (k1 + 1) * Math.max(smallestIdf, idf);
}

/** Terms with their bounds, highest bound (rarest term) first; ties by term. */
export function boundedTerms(terms: readonly TermFrequency[], rows: number): BoundedTerm[] {
  return terms
    .map(({ term, documentFrequency }) => ({
      term,
      bound: bm25TermBound(documentFrequency, rows),
    }))
    .sort((left, right) =>
      right.bound !== left.bound ? right.bound - left.bound : left.term < right.term ? -1 : 1,
    );
}

/**
 * How many leading terms of `terms` (highest bound first) a row must hold one of to
 * reach `threshold`: the trailing terms whose bounds add up to less than it can be left
 * out of the candidate set. Never less than `atLeast` (1 by default).
 */
export function essentialTermCount(
  terms: readonly BoundedTerm[],
  threshold: number,
  atLeast = 1,
): number {
  let count = terms.length;
  let trailing = 0;
  while (count > atLeast) {
    const next = trailing + (terms[count - 1] as BoundedTerm).bound;
    if (!(next < threshold * (1 - rounding))) break;
    trailing = next;
    count -= 1;
  }
  return count;
}

/** The most a row holding only `terms` can score, with slack against rounding. */
export function boundOfAll(terms: readonly BoundedTerm[]): number {
  let sum = 0;
  for (const { bound } of terms) sum += bound;
  return sum * (1 + rounding);
}
