/**
 * BM25 search over the contentless FTS5 table. Title matches weigh more than
 * heading matches, which weigh more than body matches. Terms found in no chunk are
 * left out, and terms found in a large share of all chunks are dropped when rarer
 * terms remain: scoring such a term means visiting most of the index, yet its
 * weight in BM25 is close to nothing.
 *
 * In bases large enough to have frequent terms, the top k is found with MaxScore
 * pruning (bm25-bounds.ts, decision 019): rows are scored only when they hold one
 * of the terms that can still lift a row into the top k. The answer is the same
 * top k as scoring every matching row; only fewer rows are scored.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { LexicalQuery } from '../../core/knowledge-store.js';
import type { RankedChunk } from '../../core/knowledge-types.js';
import {
  type BoundedTerm,
  boundedTerms,
  boundOfAll,
  essentialTermCount,
  type TermFrequency,
} from './bm25-bounds.js';
import { anyTermExpression, usableTerms } from './fts-match-expression.js';
import { readCounter } from './sqlite-counters.js';
import { type FilterSql, filterToSql } from './sqlite-filter-sql.js';
import type { SqliteStatements } from './sqlite-statements.js';
import { TermFrequencies } from './sqlite-term-frequencies.js';

/** BM25 weights of the title, headings and body columns. */
export const fieldWeights = { title: 8, headings: 4, body: 1 } as const;

/** A term is frequent when more chunks than this share of all chunks contain it... */
export const frequentTermFraction = 0.05;
/** ...bounded below (small bases keep every term) and above (huge bases stay fast). */
export const frequentTermRows = { minimum: 1_000, maximum: 20_000 } as const;

const bm25 = `bm25(chunk_fts, ${fieldWeights.title}, ${fieldWeights.headings}, ${fieldWeights.body})`;

type RankRow = { id: number; rank: number };

/** Top chunks for the query terms; score is the negated BM25 (higher is better). */
export function lexicalSearch(statements: SqliteStatements, query: LexicalQuery): RankedChunk[] {
  validateLimit(query.limit);
  const terms = usableTerms(query.terms);
  if (terms.length === 0) return [];
  const filter = filterToSql(query.filter);
  const chunks = readCounter(statements, 'chunks');
  const threshold = frequentTermThreshold(chunks);
  if (threshold === null) {
    return toRanked(rankedRows(statements, anyTermExpression(terms), filter, query.limit));
  }
  const selected = selectTerms(TermFrequencies.current(statements), terms, threshold);
  if (selected.length === 0) return [];
  // The counter is exact; the slack only loosens the bounds, never tightens them.
  const rows = Math.ceil(chunks * 1.01) + 16;
  return toRanked(prunedTopK(statements, boundedTerms(selected, rows), filter, query.limit));
}

/**
 * The terms worth matching, with their document frequencies: those found in some
 * chunk, minus the frequent ones when rarer ones remain.
 */
export function selectTerms(
  frequencies: TermFrequencies,
  terms: readonly string[],
  threshold: number,
): TermFrequency[] {
  const counted = terms.map((term) => ({
    term,
    documentFrequency: frequencies.atMost(term, threshold),
  }));
  const found = counted.filter((entry) => entry.documentFrequency > 0);
  const rare = found.filter((entry) => entry.documentFrequency <= threshold);
  if (rare.length > 0) return rare;
  return found.map(({ term }) => ({ term, documentFrequency: frequencies.exact(term) }));
}

/**
 * Exact top `limit` over `terms` (highest bound first). Starts from the rarest term
 * as the only essential one: the k-th best full score among rows holding an essential
 * term is a floor for the final k-th score, and every trailing term whose bounds add
 * up to less than that floor stays non-essential. Grows the essential set until the
 * floor rules out the rest, or until every term is essential (a plain full query).
 */
function prunedTopK(
  statements: SqliteStatements,
  terms: readonly BoundedTerm[],
  filter: FilterSql | null,
  limit: number,
): RankRow[] {
  let essential = 1;
  for (;;) {
    const rows = essentialRows(statements, terms, essential, filter, limit);
    if (essential === terms.length) return rows;
    const last = rows[limit - 1];
    if (last === undefined) {
      essential += 1;
      continue;
    }
    const needed = essentialTermCount(terms, -last.rank, essential);
    if (needed === essential) return rows;
    essential = needed;
  }
}

/**
 * Top `limit` rows holding any of the first `essential` terms, each scored over all
 * terms. With non-essential terms, two MATCH queries split those rows into the ones
 * that also hold a non-essential term and the ones that do not; every term appears
 * once per query, in bound order, so each row's bm25 is exactly what the all-terms
 * OR query gives it. The second query is skipped when the first one's k-th score
 * already beats anything a row of essential terms alone can reach.
 */
function essentialRows(
  statements: SqliteStatements,
  terms: readonly BoundedTerm[],
  essential: number,
  filter: FilterSql | null,
  limit: number,
): RankRow[] {
  const names = terms.map((entry) => entry.term);
  const required = anyTermExpression(names.slice(0, essential));
  if (essential === names.length) return rankedRows(statements, required, filter, limit);
  const optional = anyTermExpression(names.slice(essential));
  const withOptional = rankedRows(statements, `(${required}) AND (${optional})`, filter, limit);
  const last = withOptional[limit - 1];
  if (last !== undefined && -last.rank > boundOfAll(terms.slice(0, essential))) {
    return withOptional;
  }
  const without = rankedRows(statements, `(${required}) NOT (${optional})`, filter, limit);
  return [...withOptional, ...without]
    .sort((left, right) => left.rank - right.rank || left.id - right.id)
    .slice(0, limit);
}

/** Top `limit` rows matching `expression` by bm25, ties by chunk id. */
function rankedRows(
  statements: SqliteStatements,
  expression: string,
  filter: FilterSql | null,
  limit: number,
): RankRow[] {
  return statements
    .prepare<RankRow>(rankedRowsSql(filter))
    .all(expression, ...(filter?.parameters ?? []), limit);
}

/** One ranked MATCH; parameters: the expression, the filter's, the limit. */
function rankedRowsSql(filter: FilterSql | null): string {
  return filter === null
    ? `SELECT rowid AS id, ${bm25} AS rank FROM chunk_fts
       WHERE chunk_fts MATCH ? ORDER BY rank, id LIMIT ?`
    : `SELECT chunk_fts.rowid AS id, ${bm25} AS rank
       FROM chunk_fts JOIN chunks c ON c.id = chunk_fts.rowid
       WHERE chunk_fts MATCH ? AND ${filter.condition} ORDER BY rank, id LIMIT ?`;
}

function toRanked(rows: readonly RankRow[]): RankedChunk[] {
  return rows.map((row) => ({ chunkId: row.id, score: -row.rank }));
}

/** How many rows make a term frequent in a base of `chunks` chunks; null when none can be. */
export function frequentTermThreshold(chunks: number): number | null {
  const threshold = Math.min(
    frequentTermRows.maximum,
    Math.max(frequentTermRows.minimum, Math.floor(chunks * frequentTermFraction)),
  );
  return chunks > threshold ? threshold : null;
}

/** Throws INVALID_INPUT unless `limit` is a positive integer. */
export function validateLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `search limit must be a positive integer, got ${limit}`,
    );
  }
}
