/**
 * The cache contract: a key-value store with a time to live per entry, holding bytes
 * or JSON values. An in-process LRU (`cache/memory/`) and Redis (`cache/redis/`)
 * implement it and pass the same conformance suite (`test/conformance/cache.conformance.ts`).
 *
 * A cache is an optimisation, never a source of truth: reads and writes never throw
 * for an unreachable backend; they answer a miss (and the implementation reports the
 * problem). Only `ping()` reports it, for the readiness check.
 */

/** One shared cache. Keys are strings of at most {@link maximumCacheKeyLength} characters. */
export interface Cache {
  /** Which implementation this is (`memory`, `redis`), for logs and readiness. */
  readonly kind: string;
  /** The bytes stored under `key`, or undefined when absent, expired or unreachable. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores bytes under `key` for `ttlSeconds` (a positive integer). */
  set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void>;
  /** The JSON value stored under `key`, or undefined when absent, expired, unreachable or not JSON. */
  getJson<T>(key: string): Promise<T | undefined>;
  /** Stores `JSON.stringify(value)` under `key` for `ttlSeconds`. */
  setJson(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Removes `key`; true when something was removed. */
  delete(key: string): Promise<boolean>;
  /** Resolves when the backend answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Releases connections; the cache answers misses afterwards. Idempotent. */
  close(): Promise<void>;
}

/** Longest key a cache accepts. */
export const maximumCacheKeyLength = 512;

/** Longest time to live, in seconds (30 days). */
export const maximumCacheTtlSeconds = 30 * 24 * 3600;
