/**
 * The search benchmark's queries, in three kinds: realistic ones drawn from the
 * corpus (headings and code identifiers), frequent-term ones that match a large
 * share of all chunks (the slow case for BM25), and two fixed identifiers.
 */
import type { Passage } from './passage-pool.js';
import { createSeededRandom } from './seeded-random.js';

/** One query and its kind. */
export interface BenchQuery {
  readonly text: string;
  readonly kind: 'heading' | 'identifier' | 'frequent';
}

/** Queries made only of common words. */
export const frequentTermQueries: readonly string[] = [
  'the function returns the value',
  'data',
  'use',
  'value',
  'how to use the data',
  'error',
];

/** Identifiers every run includes. */
export const fixedIdentifierQueries: readonly string[] = ['readFileSync', 'pg_stat_activity'];

const identifierPattern = /\b(?:[a-z]+[A-Z][A-Za-z0-9]+|[a-z][a-z0-9]*_[a-z0-9_]+)\b/g;

/** Draws `headings` heading queries and `identifiers` identifier queries from the pool. */
export function buildQueryMix(
  pool: readonly Passage[],
  headings = 60,
  identifiers = 40,
  seed = 7,
): BenchQuery[] {
  const random = createSeededRandom(seed);
  const headingTexts = new Set<string>();
  const identifierTexts = new Set<string>(fixedIdentifierQueries);
  for (let attempt = 0; attempt < 200_000; attempt++) {
    if (headingTexts.size >= headings && identifierTexts.size >= identifiers) break;
    const passage = pool[Math.floor(random() * pool.length)]!;
    const heading = passage.headingPath
      .at(-1)
      ?.replace(/\\([\\`*_[\]])/g, '$1')
      .replace(/[`*#]/g, '')
      .trim();
    if (
      headingTexts.size < headings &&
      heading !== undefined &&
      heading.length >= 4 &&
      heading.length <= 60
    ) {
      headingTexts.add(heading);
    }
    if (identifierTexts.size < identifiers) {
      const found = passage.text.match(identifierPattern);
      if (found !== null && found.length > 0)
        identifierTexts.add(found[Math.floor(random() * found.length)]!);
    }
  }
  return [
    ...[...headingTexts].map((text) => ({ text, kind: 'heading' as const })),
    ...[...identifierTexts].map((text) => ({ text, kind: 'identifier' as const })),
    ...frequentTermQueries.map((text) => ({ text, kind: 'frequent' as const })),
  ];
}
