/**
 * Hybrid search: BM25 over identifier-aware terms and cosine over embeddings, run
 * side by side, fused with weighted reciprocal rank fusion, near-duplicates collapsed,
 * each result returned with its citation and score components.
 */
import type { SearchSettings } from '../../config/settings-schema.js';
import type { EmbeddingModel } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { KnowledgeStore } from '../../core/knowledge-store.js';
import type { ChunkKind, Citation, SearchFilter } from '../../core/knowledge-types.js';
import { embedAll } from '../embed/embed-all.js';
import { tokenizeQuery } from '../text/lexical-tokenizer.js';
import { collapseNearDuplicates } from './near-duplicates.js';
import { fuseRankings, type RankComponent, type WeightedRanking } from './rrf-fusion.js';

export type SearchMode = 'hybrid' | 'lexical' | 'vector';

export interface SearchRequest {
  readonly query: string;
  readonly limit?: number;
  readonly filter?: SearchFilter;
  readonly mode?: SearchMode;
}

export interface SearchResult {
  readonly chunkId: number;
  readonly kind: ChunkKind;
  readonly language: string;
  readonly text: string;
  /** For code examples: the prose that explains the code. */
  readonly context: string;
  readonly score: number;
  readonly components: { readonly lexical?: RankComponent; readonly vector?: RankComponent };
  readonly citation: Citation;
  /** How many near-identical passages were collapsed into this one. */
  readonly duplicates: number;
}

export interface HybridSearchDependencies {
  readonly store: KnowledgeStore;
  readonly embedder: EmbeddingModel;
  readonly settings: SearchSettings;
}

const maximumLimit = 200;
const minimumCandidates = 20;

/** Runs one search; throws INVALID_INPUT for an empty query or a bad limit. */
export async function hybridSearch(
  dependencies: HybridSearchDependencies,
  request: SearchRequest,
): Promise<SearchResult[]> {
  const { store, embedder, settings } = dependencies;
  const query = request.query.trim();
  if (query === '') throw new ArchonError(ErrorCode.InvalidInput, 'search query must not be empty');
  const limit = request.limit ?? settings.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumLimit) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `limit must be an integer from 1 to ${maximumLimit}`,
    );
  }
  const mode = request.mode ?? 'hybrid';
  const candidates = Math.max(minimumCandidates, limit * settings.candidateMultiplier);
  const filter = request.filter;

  const useLexical = mode !== 'vector' && settings.lexicalWeight > 0;
  const useVector = mode !== 'lexical' && settings.vectorWeight > 0;
  const terms = useLexical ? tokenizeQuery(query) : [];
  const [lexical, vector] = await Promise.all([
    terms.length > 0 ? store.lexicalSearch({ terms, limit: candidates, filter }) : [],
    useVector
      ? embedAll(embedder, [query]).then(([vector]) =>
          vector === undefined ? [] : store.vectorSearch({ vector, limit: candidates, filter }),
        )
      : [],
  ]);

  const rankings: WeightedRanking[] = [
    { name: 'lexical', ranking: lexical, weight: mode === 'vector' ? 0 : settings.lexicalWeight },
    { name: 'vector', ranking: vector, weight: mode === 'lexical' ? 0 : settings.vectorWeight },
  ];
  const fused = fuseRankings(rankings, settings.rrfK).slice(0, limit * 2);
  const loaded = await store.getChunks(fused.map((entry) => entry.chunkId));
  const byId = new Map(loaded.map((entry) => [entry.chunk.id, entry]));

  const ranked = fused.flatMap((entry) => {
    const stored = byId.get(entry.chunkId);
    return stored === undefined ? [] : [{ entry, stored }];
  });
  return collapseNearDuplicates(ranked, ({ stored }) => stored.chunk.text, { limit }).map(
    ({ item: { entry, stored }, duplicates }) => ({
      chunkId: stored.chunk.id,
      kind: stored.chunk.kind,
      language: stored.chunk.language,
      text: stored.chunk.text,
      context: stored.chunk.context,
      score: entry.score,
      components: {
        ...(entry.components.lexical ? { lexical: entry.components.lexical } : {}),
        ...(entry.components.vector ? { vector: entry.components.vector } : {}),
      },
      citation: stored.citation,
      duplicates,
    }),
  );
}
