/**
 * BM25 search over the contentless FTS5 table. Title matches weigh more than
 * heading matches, which weigh more than body matches. Terms found in a large
 * share of all chunks are dropped when rarer terms remain: scoring such a term
 * means visiting most of the index, yet its weight in BM25 is close to nothing.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { LexicalQuery } from '../../core/knowledge-store.js';
import type { RankedChunk } from '../../core/knowledge-types.js';
import { anyTermExpression, quoteTerm, usableTerms } from './fts-match-expression.js';
import { readCounter } from './sqlite-counters.js';
import { filterToSql } from './sqlite-filter-sql.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** BM25 weights of the title, headings and body columns. */
export const fieldWeights = { title: 8, headings: 4, body: 1 } as const;

/** A term is frequent when more chunks than this share of all chunks contain it... */
export const frequentTermFraction = 0.05;
/** ...bounded below (small bases keep every term) and above (huge bases stay fast). */
export const frequentTermRows = { minimum: 1_000, maximum: 20_000 } as const;

const bm25 = `bm25(chunk_fts, ${fieldWeights.title}, ${fieldWeights.headings}, ${fieldWeights.body})`;

/** Top chunks for the query terms; score is the negated BM25 (higher is better). */
export function lexicalSearch(statements: SqliteStatements, query: LexicalQuery): RankedChunk[] {
  validateLimit(query.limit);
  const terms = usableTerms(query.terms);
  if (terms.length === 0) return [];
  const filter = filterToSql(query.filter);
  const expression = anyTermExpression(selectTerms(statements, terms));
  const rows =
    filter === null
      ? statements
          .prepare<{ id: number; rank: number }>(
            `SELECT rowid AS id, ${bm25} AS rank FROM chunk_fts
             WHERE chunk_fts MATCH ? ORDER BY rank LIMIT ?`,
          )
          .all(expression, query.limit)
      : statements
          .prepare<{ id: number; rank: number }>(
            `SELECT chunk_fts.rowid AS id, ${bm25} AS rank
             FROM chunk_fts JOIN chunks c ON c.id = chunk_fts.rowid
             WHERE chunk_fts MATCH ? AND ${filter.condition} ORDER BY rank LIMIT ?`,
          )
          .all(expression, ...filter.parameters, query.limit);
  return rows.map((row) => ({ chunkId: row.id, score: -row.rank }));
}

/** The terms worth matching: all of them, minus the frequent ones when rarer ones remain. */
export function selectTerms(statements: SqliteStatements, terms: readonly string[]): string[] {
  const threshold = frequentTermThreshold(readCounter(statements, 'chunks'));
  if (threshold === null) return [...terms];
  // OFFSET stops after `threshold` rows: the probe costs at most that, however common the term.
  const probe = statements.prepare(
    'SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH ? LIMIT 1 OFFSET ?',
  );
  const rare = terms.filter((term) => probe.get(quoteTerm(term), threshold) === undefined);
  return rare.length > 0 ? rare : [...terms];
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
