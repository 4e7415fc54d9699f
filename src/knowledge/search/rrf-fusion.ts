/**
 * Reciprocal rank fusion: combines rankings from retrievers whose scores are not
 * comparable (BM25 and cosine) by rank alone, each list weighted.
 */
import type { RankedChunk } from '../../core/knowledge-types.js';

/** One retriever's ranking and how much it counts. */
export interface WeightedRanking {
  readonly name: string;
  readonly ranking: readonly RankedChunk[];
  readonly weight: number;
}

/** Where a fused result stood in one retriever's list. */
export interface RankComponent {
  /** 1-based rank in that retriever's list. */
  readonly rank: number;
  /** The retriever's own score. */
  readonly score: number;
}

export interface FusedChunk {
  readonly chunkId: number;
  readonly score: number;
  readonly components: Readonly<Record<string, RankComponent>>;
}

/** Fuses rankings with weighted RRF: score = Σ weight / (k + rank). Ties keep first-seen order. */
export function fuseRankings(rankings: readonly WeightedRanking[], k: number): FusedChunk[] {
  const fused = new Map<number, { score: number; components: Record<string, RankComponent> }>();
  for (const { name, ranking, weight } of rankings) {
    if (weight <= 0) continue;
    ranking.forEach((candidate, index) => {
      const rank = index + 1;
      let entry = fused.get(candidate.chunkId);
      if (entry === undefined) {
        entry = { score: 0, components: {} };
        fused.set(candidate.chunkId, entry);
      }
      if (entry.components[name] !== undefined) return;
      entry.score += weight / (k + rank);
      entry.components[name] = { rank, score: candidate.score };
    });
  }
  return [...fused.entries()]
    .map(([chunkId, entry]) => ({ chunkId, score: entry.score, components: entry.components }))
    .sort((left, right) => right.score - left.score);
}
