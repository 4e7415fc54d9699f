/**
 * The Redis cache against the shared Cache conformance suite on a real Redis, each
 * run under its own key prefix, and its promise for a Redis that is down: misses and
 * dropped writes, reported, never an exception, and a ping that fails.
 */
import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createCache } from '../../src/cache/create-cache.js';
import { RedisCache } from '../../src/cache/redis/redis-cache.js';
import { createRedisCacheClient } from '../../src/cache/redis/redis-cache-client.js';
import { runCacheConformance } from '../conformance/cache.conformance.js';
import { closedPort, testRedisUrl, useTestRedis } from '../support/redis-url.js';

const redisAvailable = await useTestRedis();
const runPrefix = `archon-test:${randomUUID()}:`;

function redisCache(url: string, onError: (error: unknown) => void = () => {}): RedisCache {
  return new RedisCache({
    client: createRedisCacheClient({ url, timeoutMs: 1_000, onError }),
    keyPrefix: runPrefix,
    onError,
  });
}

describe.runIf(redisAvailable)('Redis cache', () => {
  runCacheConformance('redis', async () => {
    const cache = redisCache(testRedisUrl);
    await expect
      .poll(() =>
        cache.ping().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    return { cache, cleanup: () => cache.close() };
  });

  it('keeps its keys under its prefix, apart from another prefix', async () => {
    const first = redisCache(testRedisUrl);
    const second = new RedisCache({
      client: createRedisCacheClient({ url: testRedisUrl, timeoutMs: 1_000, onError: () => {} }),
      keyPrefix: `${runPrefix}other:`,
    });
    await expect
      .poll(() =>
        first.ping().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await expect
      .poll(() =>
        second.ping().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await first.setJson('shared-name', 'first', 60);
    expect(await second.getJson('shared-name')).toBeUndefined();
    await Promise.all([first.close(), second.close()]);
  });
});

describe('Redis cache with Redis down', () => {
  it('answers misses, drops writes, reports each failure and fails ping', async () => {
    const failures: unknown[] = [];
    const cache = redisCache(`redis://127.0.0.1:${await closedPort()}`, (error) =>
      failures.push(error),
    );
    await cache.setJson('k', 'v', 60);
    expect(await cache.getJson('k')).toBeUndefined();
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.delete('k')).toBe(false);
    await expect(cache.ping()).rejects.toThrow(/not connected/);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    await cache.close();
  });

  it('from settings: a cache that logs a throttled warning instead of failing', async () => {
    const warnings: Record<string, unknown>[] = [];
    const cache = createCache(
      {
        url: `redis://127.0.0.1:${await closedPort()}`,
        ttlSeconds: 60,
        maxEntries: 10,
        maxBytes: 1_000,
      },
      { logger: { warn: (fields) => warnings.push(fields) }, timeoutMs: 200 },
    );
    expect(cache.kind).toBe('redis');
    for (let attempt = 0; attempt < 50; attempt += 1) {
      expect(await cache.getJson(`k${attempt}`)).toBeUndefined();
    }
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThan(5);
    expect(JSON.stringify(warnings)).not.toContain('redis://');
    await cache.close();
  });

  it('from settings without a URL: the in-process cache', () => {
    const cache = createCache(
      { ttlSeconds: 60, maxEntries: 10, maxBytes: 1_000 },
      { logger: { warn: () => {} } },
    );
    expect(cache.kind).toBe('memory');
  });
});
