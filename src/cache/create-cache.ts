/**
 * The composition root of the cache: Redis when the settings name a URL, else the
 * in-process LRU. Redis connects in the background, so a Redis that is down delays
 * nothing: the cache answers misses and the readiness check reports it.
 */
import type { CacheSettings } from '../config/settings-schema.js';
import type { Cache } from '../core/cache.js';
import { MemoryCache } from './memory/memory-cache.js';
import { RedisCache } from './redis/redis-cache.js';
import { createRedisCacheClient } from './redis/redis-cache-client.js';
import { throttledWarning, type WarningLogger } from './throttled-warning.js';

/** Options of {@link createCache}. */
export interface CreateCacheOptions {
  /** Where connection and command failures go, throttled. */
  readonly logger: WarningLogger;
  /** Put before every Redis key. Default `archon:`. */
  readonly keyPrefix?: string;
  /** A Redis command or connection attempt fails after this long. Default 250 ms. */
  readonly timeoutMs?: number;
}

/** Builds the cache the settings describe. */
export function createCache(settings: CacheSettings, options: CreateCacheOptions): Cache {
  if (settings.url === undefined) {
    return new MemoryCache({ maxEntries: settings.maxEntries, maxBytes: settings.maxBytes });
  }
  const report = throttledWarning(options.logger, 'cache unavailable; searches run uncached');
  const client = createRedisCacheClient({
    url: settings.url,
    timeoutMs: options.timeoutMs ?? 250,
    onError: (error) => report(error, 'connect'),
  });
  return new RedisCache({
    client,
    ...(options.keyPrefix !== undefined ? { keyPrefix: options.keyPrefix } : {}),
    onError: report,
  });
}
