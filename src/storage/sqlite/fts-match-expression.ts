/**
 * Builds FTS5 MATCH expressions from query terms. Every term is quoted as a
 * string, so operators and punctuation in user input (`OR`, `NEAR(`, `"`, `*`,
 * `-`) are plain text to FTS5 and can never form syntax.
 */

/** Most terms one query may use; the rest are ignored. */
export const maximumQueryTerms = 64;

const indexable = /[\p{L}\p{N}_]/u;

/** Distinct, non-empty terms that the tokenizer can index, at most {@link maximumQueryTerms}. */
export function usableTerms(terms: readonly string[]): string[] {
  const unique = new Set<string>();
  for (const term of terms) {
    if (typeof term !== 'string') continue;
    const trimmed = term.trim();
    if (trimmed === '' || !indexable.test(trimmed)) continue;
    unique.add(trimmed);
    if (unique.size === maximumQueryTerms) break;
  }
  return [...unique];
}

/** One term as an FTS5 string literal. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A MATCH expression true for rows containing any of `terms`. */
export function anyTermExpression(terms: readonly string[]): string {
  return terms.map(quoteTerm).join(' OR ');
}
