/**
 * The search cache as the server wires it, against a real server on loopback: hits
 * and misses counted in `/metrics`, and the `cache` readiness check, up with the
 * in-process cache and a real Redis, down (503, searches still answered) with Redis
 * pointing at a closed port.
 */
import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { createCache } from '../../src/cache/create-cache.js';
import type { Cache } from '../../src/core/cache.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { createMetrics } from '../../src/observability/index.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { closedPort, testRedisUrl, useTestRedis } from '../support/redis-url.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

const redisAvailable = await useTestRedis();

describe('HTTP API: search cache', () => {
  let setup: TestSetup;
  let server: RunningServer;
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const search = (query: string) => call('/v1/search', jsonRequest('POST', { query, limit: 3 }));

  async function serve(url?: string): Promise<Cache> {
    setup = await createTestSetup();
    const cache = createCache(
      { ...setup.settings.cache, ...(url ? { url } : {}) },
      { logger: { warn: () => {} }, keyPrefix: `archon-test:${randomUUID()}:`, timeoutMs: 200 },
    );
    const metrics = createMetrics({ processMetrics: false });
    const knowledgeBase = await openKnowledgeBase(setup.settings, {
      searchCache: {
        cache,
        ttlSeconds: 60,
        onLookup: (hit) => metrics.recordCacheLookup('search', hit),
      },
    });
    server = await startServer({
      ...setup.options({ knowledgeBase, metrics }),
      cache,
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => {
        await knowledgeBase.close();
        await cache.close();
      },
    });
    return cache;
  }

  afterEach(async () => {
    await server.close();
    await setup.cleanup();
  });

  async function readiness() {
    const response = await call('/ready');
    const body = (await response.json()) as {
      checks: { name: string; status: string; required: boolean; latencyMs: number }[];
    };
    return { status: response.status, cache: body.checks.find((check) => check.name === 'cache') };
  }

  it('counts a miss then a hit in the metrics, with identical answers', async () => {
    await serve();
    const first = await search('exponential backoff');
    const second = await search('exponential backoff');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual(await first.json());
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toContain('archon_cache_misses_total{cache="search"} 1');
    expect(metrics).toContain('archon_cache_hits_total{cache="search"} 1');
  });

  it('reports the in-process cache as ready and not required', async () => {
    await serve();
    expect(await readiness()).toMatchObject({
      status: 200,
      cache: { status: 'pass', required: false, detail: { kind: 'memory' } },
    });
  });

  it('is not ready while Redis is down, yet answers searches uncached', async () => {
    await serve(`redis://127.0.0.1:${await closedPort()}`);
    const ready = await readiness();
    expect(ready).toMatchObject({ status: 503, cache: { status: 'fail', required: true } });
    expect(ready.cache?.latencyMs).toBeGreaterThanOrEqual(0);
    expect((await search('backoff')).status).toBe(200);
    expect((await search('backoff')).status).toBe(200);
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toContain('archon_cache_misses_total{cache="search"} 2');
    expect(metrics).not.toContain('archon_cache_hits_total{cache="search"}');
  });

  it.runIf(redisAvailable)('is ready with a real Redis, where the check is required', async () => {
    await serve(testRedisUrl);
    await expect
      .poll(async () => (await readiness()).status, { timeout: 5_000, interval: 50 })
      .toBe(200);
    expect((await readiness()).cache).toMatchObject({
      status: 'pass',
      required: true,
      detail: { kind: 'redis' },
    });
    await search('durable queue');
    await expect
      .poll(async () => {
        await search('durable queue');
        return (await (await call('/metrics')).text()).includes(
          'archon_cache_hits_total{cache="search"}',
        );
      })
      .toBe(true);
  });
});
