/**
 * Makes every request of a "cache cold" run a distinct query that still does the real
 * query's work: a counter written in punctuation, which neither the lexical tokenizer
 * nor the hashing embedder reads (same terms, same vector), yet which changes the
 * text the search cache keys on. An appended word would instead be a new search
 * term: one that matches nothing and, as the only "rare" term next to frequent ones,
 * used to empty the lexical side and make the run look cheaper than real queries.
 */

/** Non-word characters that are not identifier connectors (`-`, `.`, `:`, `_`). */
const digits = '!#$%&()*+,/;<=>?@[]^{|}~';

/** `query` plus `counter` in punctuation: distinct per counter, searched like `query`. */
export function distinctQuery(query: string, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`counter must be a non-negative integer, got ${counter}`);
  }
  let rest = counter;
  let suffix = '';
  do {
    suffix = digits[rest % digits.length]! + suffix;
    rest = Math.floor(rest / digits.length);
  } while (rest > 0);
  return `${query} ${suffix}`;
}
