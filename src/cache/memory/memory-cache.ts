/**
 * The in-process cache: a least-recently-used map bounded by entry count and by
 * bytes, with a time to live per entry. A `Map` keeps insertion order, so moving an
 * entry to the end on each hit makes the first key the least recently used one; no
 * dependency is needed for that. Expired entries are dropped when met or evicted. JSON values are kept as their text, so every reader gets its own copy
 * and sizes are exact.
 */
import type { Cache } from '../../core/cache.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { checkCacheKey, checkCacheTtl, fromCacheJson, toCacheJson } from '../cache-arguments.js';

/** Options of {@link MemoryCache}. */
export interface MemoryCacheOptions {
  /** Most entries kept. Default 10,000. */
  readonly maxEntries?: number;
  /** Most bytes of keys and values kept. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Milliseconds since the epoch; for tests. Default `Date.now`. */
  readonly clock?: () => number;
}

interface Entry {
  readonly value: Uint8Array | string;
  readonly bytes: number;
  readonly expiresAt: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A bounded LRU cache in this process. */
export class MemoryCache implements Cache {
  readonly kind = 'memory';
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly clock: () => number;
  private readonly entries = new Map<string, Entry>();
  private usedBytes = 0;

  constructor({
    maxEntries = 10_000,
    maxBytes = 64 * 1024 * 1024,
    clock,
  }: MemoryCacheOptions = {}) {
    for (const [name, value] of [
      ['maxEntries', maxEntries],
      ['maxBytes', maxBytes],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new ArchonError(
          ErrorCode.InvalidConfig,
          `memory cache ${name} must be a positive integer, got ${value}`,
        );
      }
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.clock = clock ?? Date.now;
  }

  /** Entries and bytes held now (expired entries included until they are met). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.usedBytes };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const value = this.lookup(key);
    return typeof value === 'string' ? encoder.encode(value) : value?.slice();
  }

  async set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void> {
    if (!(value instanceof Uint8Array)) {
      throw new ArchonError(ErrorCode.InvalidInput, 'cache value must be a Uint8Array');
    }
    this.store(key, value.slice(), value.byteLength, ttlSeconds);
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const value = this.lookup(key);
    if (value === undefined) return undefined;
    return fromCacheJson<T>(typeof value === 'string' ? value : decoder.decode(value));
  }

  async setJson(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const text = toCacheJson(value);
    this.store(key, text, Buffer.byteLength(text), ttlSeconds);
  }

  async delete(key: string): Promise<boolean> {
    checkCacheKey(key);
    return this.remove(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.usedBytes = 0;
  }

  private lookup(key: string): Uint8Array | string | undefined {
    checkCacheKey(key);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.remove(key);
      return undefined;
    }
    // Most recently used goes last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  private store(key: string, value: Uint8Array | string, valueBytes: number, ttl: number): void {
    checkCacheKey(key);
    checkCacheTtl(ttl);
    this.remove(key);
    const bytes = valueBytes + key.length * 2;
    // A value larger than the whole cache is not kept (and evicts nothing).
    if (bytes > this.maxBytes) return;
    this.makeRoom(bytes);
    this.entries.set(key, { value, bytes, expiresAt: this.clock() + ttl * 1000 });
    this.usedBytes += bytes;
  }

  /** Evicts least recently used entries first; an expired entry waits its turn (both are bounded). */
  private makeRoom(bytes: number): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries && this.usedBytes + bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.usedBytes -= entry.bytes;
    return true;
  }
}
