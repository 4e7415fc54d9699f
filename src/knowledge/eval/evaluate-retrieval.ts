/**
 * `archon eval`: runs every golden query through search and reports recall@k, MRR
 * and nDCG@k, per query and averaged, matching results to relevant entries by
 * document URI (an entry may also name a path suffix of the URI).
 */
import type { SearchFilter } from '../../core/knowledge-types.js';
import type { SearchRequest, SearchResult } from '../search/hybrid-search.js';
import type { GoldenQuery } from './golden-set.js';
import { ndcgAtK, recallAtK, reciprocalRank } from './retrieval-metrics.js';

export interface QueryEvaluation {
  readonly query: string;
  readonly recall: number;
  readonly reciprocalRank: number;
  readonly ndcg: number;
  /** Distinct documents in rank order, as matched against the relevant entries. */
  readonly ranked: readonly string[];
}

export interface RetrievalReport {
  readonly k: number;
  readonly queries: number;
  readonly recallAtK: number;
  readonly mrr: number;
  readonly ndcgAtK: number;
  readonly perQuery: readonly QueryEvaluation[];
}

/** Evaluates search over a golden set, asking for k results per query. */
export async function evaluateRetrieval(
  search: (request: SearchRequest) => Promise<SearchResult[]>,
  golden: readonly GoldenQuery[],
  k: number,
  filter?: SearchFilter,
): Promise<RetrievalReport> {
  const perQuery: QueryEvaluation[] = [];
  for (const item of golden) {
    // Ask for more chunks than k: several chunks of one document count once.
    const results = await search({ query: item.query, limit: Math.min(200, k * 4), filter });
    const ranked = distinctDocuments(results).map((uri) => canonicalName(uri, item.relevant));
    const relevant = new Set(item.relevant);
    perQuery.push({
      query: item.query,
      recall: recallAtK(ranked, relevant, k),
      reciprocalRank: reciprocalRank(ranked, relevant),
      ndcg: ndcgAtK(ranked, relevant, k),
      ranked: ranked.slice(0, k),
    });
  }
  const mean = (pick: (evaluation: QueryEvaluation) => number): number =>
    round(perQuery.reduce((sum, evaluation) => sum + pick(evaluation), 0) / perQuery.length);
  return {
    k,
    queries: perQuery.length,
    recallAtK: mean((evaluation) => evaluation.recall),
    mrr: mean((evaluation) => evaluation.reciprocalRank),
    ndcgAtK: mean((evaluation) => evaluation.ndcg),
    perQuery,
  };
}

function distinctDocuments(results: readonly SearchResult[]): string[] {
  return [...new Set(results.map((result) => result.citation.uri))];
}

/** Maps a URI to the relevant entry it matches (equal, or ending with `/entry`), else itself. */
function canonicalName(uri: string, relevant: readonly string[]): string {
  return relevant.find((entry) => uri === entry || uri.endsWith(`/${entry}`)) ?? uri;
}

function round(value: number): number {
  return Number(value.toFixed(4));
}
