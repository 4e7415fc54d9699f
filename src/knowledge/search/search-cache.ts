/**
 * Search results through a shared cache. The key is a hash of the normalized request
 * (query, limit, mode, filter), of everything else that shapes the ranking (the
 * embedding model, the fusion weights) and of the store's content version; any write
 * (ingest, remove, reindex, also by another process on the same database) changes
 * the version, so older entries become unreachable and expire on their own.
 *
 * A result is stored only when the version read after the search equals the one read
 * before it, so an entry never holds results of a later write than its key names.
 */
import { createHash } from 'node:crypto';

import type { SearchSettings } from '../../config/settings-schema.js';
import type { Cache } from '../../core/cache.js';
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import type { SearchFilter } from '../../core/knowledge-types.js';
import type { SearchRequest, SearchResult } from './hybrid-search.js';

/** How the knowledge base caches search results. */
export interface SearchCacheOptions {
  readonly cache: Cache;
  /** How long an entry lives at most. */
  readonly ttlSeconds: number;
  /** Told of every lookup: the server counts hits and misses in its metrics. */
  readonly onLookup?: (hit: boolean) => void;
}

/** What, besides the request, decides the results. */
export interface SearchKeyContext {
  readonly embedding: EmbeddingSpec;
  readonly settings: SearchSettings;
}

/** Bump when the cached shape of a result changes, so old entries are never read. */
const keyFormat = 'search:v1';

/** The cache key of `request` at store content `version`. */
export function searchCacheKey(
  request: SearchRequest,
  context: SearchKeyContext,
  version: string,
): string {
  const { settings, embedding } = context;
  const normalized = [
    embedding.modelId,
    embedding.dimensions,
    settings.lexicalWeight,
    settings.vectorWeight,
    settings.rrfK,
    settings.candidateMultiplier,
    settings.hnswThreshold,
    request.query.trim(),
    request.limit ?? settings.limit,
    request.mode ?? 'hybrid',
    normalizeFilter(request.filter),
  ];
  const digest = createHash('sha256').update(JSON.stringify(normalized)).digest('base64url');
  return `${keyFormat}:${version}:${digest}`;
}

/**
 * Answers `request` from the cache when it can, else runs `search` and stores its
 * results. Never fails because of the cache: a cache that is down answers misses.
 */
export async function searchThroughCache(
  options: SearchCacheOptions,
  request: SearchRequest,
  context: SearchKeyContext & { readonly contentVersion: () => Promise<string> },
  search: () => Promise<SearchResult[]>,
): Promise<SearchResult[]> {
  // Invalid requests fail in the search itself; they are not lookups.
  if (request.query.trim() === '') return search();
  const version = await context.contentVersion();
  const key = searchCacheKey(request, context, version);
  const cached = await options.cache.getJson<SearchResult[]>(key);
  options.onLookup?.(cached !== undefined);
  if (cached !== undefined) return cached;
  const results = await search();
  if ((await context.contentVersion()) === version) {
    // Not awaited: the caller should not wait for a remote cache to store what it already has.
    options.cache.setJson(key, results, options.ttlSeconds).catch(() => {});
  }
  return results;
}

function normalizeFilter(filter: SearchFilter | undefined): unknown[] {
  const sorted = (values: readonly string[] | undefined) =>
    values === undefined || values.length === 0 ? null : [...new Set(values)].sort();
  return [
    sorted(filter?.sourceIds),
    sorted(filter?.tags),
    sorted(filter?.languages),
    filter?.kind ?? null,
  ];
}
