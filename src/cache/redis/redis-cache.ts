/**
 * The cache on a shared Redis server, so several Archon processes (replicas behind a
 * load balancer) share hits. Every key is prefixed, so one Redis can serve several
 * deployments and tests. A Redis that is down or slow never fails the caller: reads
 * answer a miss, writes are dropped, and the failure is reported to `onError`
 * (the composition root logs it, throttled). Only `ping()` rejects.
 */
import type { Cache } from '../../core/cache.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { checkCacheKey, checkCacheTtl, fromCacheJson, toCacheJson } from '../cache-arguments.js';
import type { RedisCacheClient } from './redis-cache-client.js';

/** Options of {@link RedisCache}. */
export interface RedisCacheOptions {
  readonly client: RedisCacheClient;
  /** Put before every key. Default `archon:`. */
  readonly keyPrefix?: string;
  /** Receives each failed command; the call itself answers a miss. */
  readonly onError?: (error: unknown, operation: string) => void;
}

/** A {@link Cache} on Redis. */
export class RedisCache implements Cache {
  readonly kind = 'redis';
  readonly keyPrefix: string;
  private readonly client: RedisCacheClient;
  private readonly onError: (error: unknown, operation: string) => void;

  constructor({ client, keyPrefix = 'archon:', onError = () => {} }: RedisCacheOptions) {
    this.client = client;
    this.keyPrefix = keyPrefix;
    this.onError = onError;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    checkCacheKey(key);
    const value = await this.attempt('get', () => this.client.getBytes(this.keyPrefix + key));
    return value === null || value === undefined ? undefined : new Uint8Array(value);
  }

  async set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void> {
    checkCacheKey(key);
    checkCacheTtl(ttlSeconds);
    if (!(value instanceof Uint8Array)) {
      throw new ArchonError(ErrorCode.InvalidInput, 'cache value must be a Uint8Array');
    }
    await this.attempt('set', () => this.client.set(this.keyPrefix + key, value, ttlSeconds));
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    checkCacheKey(key);
    const text = await this.attempt('get', () => this.client.get(this.keyPrefix + key));
    return text === null || text === undefined ? undefined : fromCacheJson<T>(text);
  }

  async setJson(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    checkCacheKey(key);
    checkCacheTtl(ttlSeconds);
    const text = toCacheJson(value);
    await this.attempt('set', () => this.client.set(this.keyPrefix + key, text, ttlSeconds));
  }

  async delete(key: string): Promise<boolean> {
    checkCacheKey(key);
    return ((await this.attempt('delete', () => this.client.del(this.keyPrefix + key))) ?? 0) > 0;
  }

  async ping(): Promise<void> {
    if (!this.client.isReady) {
      throw new ArchonError(ErrorCode.Unavailable, 'redis is not connected');
    }
    await this.client.ping();
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Runs a command; a failure is reported and becomes undefined (a miss, a dropped write). */
  private async attempt<T>(operation: string, command: () => Promise<T>): Promise<T | undefined> {
    if (!this.client.isReady) {
      this.onError(new ArchonError(ErrorCode.Unavailable, 'redis is not connected'), operation);
      return undefined;
    }
    try {
      return await command();
    } catch (error) {
      this.onError(error, operation);
      return undefined;
    }
  }
}
