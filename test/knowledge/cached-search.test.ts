/**
 * Search through the cache on real parts: the SQLite store in a temp directory, the
 * hashing embedder, the in-process cache (and a Redis that is down). Hits must return
 * what the search returned; any write (ingest, remove, reindex, a write through a
 * second connection to the same file) must make the next search a miss that sees it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MemoryCache } from '../../src/cache/memory/memory-cache.js';
import { RedisCache } from '../../src/cache/redis/redis-cache.js';
import { createRedisCacheClient } from '../../src/cache/redis/redis-cache-client.js';
import { loadSettings } from '../../src/config/load-settings.js';
import type { Settings } from '../../src/config/settings-schema.js';
import type { Cache } from '../../src/core/cache.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { closedPort } from '../support/redis-url.js';

describe('cached search', () => {
  let root: string;
  let docs: string;
  let settings: Settings;
  let cache: MemoryCache;
  let lookups: boolean[];
  const opened: KnowledgeBase[] = [];

  const open = async (searchCache: Cache | null = cache) => {
    const knowledgeBase = await openKnowledgeBase(settings, {
      ...(searchCache
        ? {
            searchCache: {
              cache: searchCache,
              ttlSeconds: 60,
              onLookup: (hit: boolean) => lookups.push(hit),
            },
          }
        : {}),
    });
    opened.push(knowledgeBase);
    return knowledgeBase;
  };
  const chunkIds = (results: readonly { chunkId: number }[]) => results.map((r) => r.chunkId);
  const uris = (results: readonly { citation: { uri: string } }[]) =>
    results.map((result) => result.citation.uri.split('/').at(-1));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'archon-cached-search-'));
    docs = join(root, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'retries.md'), '# Retries\n\nRetry with exponential backoff.\n');
    writeFileSync(join(docs, 'queues.md'), '# Queues\n\nA durable queue survives restarts.\n');
    settings = { ...loadSettings({ ARCHON_HOME: join(root, 'home') }), knowledgePack: false };
    cache = new MemoryCache();
    lookups = [];
  });
  afterEach(async () => {
    for (const knowledgeBase of opened.splice(0)) await knowledgeBase.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a repeated search from the cache with the same results', async () => {
    const knowledgeBase = await open();
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    const uncached = await (await open(null)).search({ query: 'exponential backoff', limit: 3 });
    const first = await knowledgeBase.search({ query: 'exponential backoff', limit: 3 });
    const second = await knowledgeBase.search({ query: 'exponential backoff', limit: 3 });
    expect(lookups).toEqual([false, true]);
    expect(first).toEqual(uncached);
    expect(second).toEqual(first);
    expect(uris(second)[0]).toBe('retries.md');
  });

  it('shares one entry between requests that mean the same, not between ones that differ', async () => {
    const knowledgeBase = await open();
    await knowledgeBase.ingest({ targets: [docs], source: 'guides', tags: ['a'] });
    await knowledgeBase.search({ query: 'queue', filter: { tags: ['a', 'b'] } });
    await knowledgeBase.search({
      query: '  queue ',
      mode: 'hybrid',
      limit: settings.search.limit,
      filter: { tags: ['b', 'a', 'a'] },
    });
    expect(lookups).toEqual([false, true]);
    await knowledgeBase.search({ query: 'queue', limit: 1 });
    await knowledgeBase.search({ query: 'queue', mode: 'lexical' });
    await knowledgeBase.search({ query: 'queues' });
    await knowledgeBase.search({ query: 'queue', filter: { kind: 'code' } });
    await knowledgeBase.search({ query: 'queue', filter: { sourceIds: [], tags: ['a'] } });
    expect(lookups.slice(2)).toEqual([false, false, false, false, false]);
  });

  it('misses after an ingest and returns the new document', async () => {
    const knowledgeBase = await open();
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    const before = await knowledgeBase.search({ query: 'circuit breaker' });
    expect(uris(before)).not.toContain('breakers.md');
    writeFileSync(join(docs, 'breakers.md'), '# Circuit breaker\n\nOpen the circuit breaker.\n');
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    const after = await knowledgeBase.search({ query: 'circuit breaker' });
    expect(lookups).toEqual([false, false]);
    expect(uris(after)[0]).toBe('breakers.md');
  });

  it('misses after a source is removed and no longer returns its passages', async () => {
    const knowledgeBase = await open();
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    expect(await knowledgeBase.search({ query: 'durable queue' })).not.toEqual([]);
    await knowledgeBase.removeSource('guides');
    expect(await knowledgeBase.search({ query: 'durable queue' })).toEqual([]);
    expect(lookups).toEqual([false, false]);
  });

  it('misses after a reindex', async () => {
    const knowledgeBase = await open();
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    await knowledgeBase.search({ query: 'retry' });
    await knowledgeBase.reindex();
    await knowledgeBase.search({ query: 'retry' });
    expect(lookups).toEqual([false, false]);
  });

  it('sees a write made through another connection to the same database', async () => {
    const reader = await open();
    const writer = await open(null);
    await writer.ingest({ targets: [docs], source: 'guides' });
    const first = await reader.search({ query: 'backoff' });
    expect(chunkIds(await reader.search({ query: 'backoff' }))).toEqual(chunkIds(first));
    expect(lookups).toEqual([false, true]);
    writeFileSync(join(docs, 'retries.md'), '# Retries\n\nNo backoff here any more: jitter.\n');
    writeFileSync(join(docs, 'backoff.md'), '# Backoff\n\nBackoff doubles the delay.\n');
    await writer.ingest({ targets: [docs], source: 'guides' });
    const after = await reader.search({ query: 'backoff' });
    expect(lookups).toEqual([false, true, false]);
    expect(uris(after)).toContain('backoff.md');
    expect(chunkIds(after)).not.toEqual(chunkIds(first));
  });

  it('does not cache a failed search', async () => {
    const knowledgeBase = await open();
    await expect(knowledgeBase.search({ query: '   ' })).rejects.toThrow(/empty/);
    await expect(
      knowledgeBase.search({ query: 'x', filter: { sourceIds: ['missing'] } }),
    ).rejects.toThrow(/missing/);
    await expect(
      knowledgeBase.search({ query: 'x', filter: { sourceIds: ['missing'] } }),
    ).rejects.toThrow(/missing/);
    expect(lookups).toEqual([false, false]);
    expect(cache.size.entries).toBe(0);
  });

  it('still searches when the cache (Redis) is down: every lookup a miss', async () => {
    const failures: unknown[] = [];
    const down = new RedisCache({
      client: createRedisCacheClient({
        url: `redis://127.0.0.1:${await closedPort()}`,
        timeoutMs: 200,
        onError: () => {},
      }),
      onError: (error) => failures.push(error),
    });
    const knowledgeBase = await open(down);
    await knowledgeBase.ingest({ targets: [docs], source: 'guides' });
    const results = await knowledgeBase.search({ query: 'backoff' });
    await knowledgeBase.search({ query: 'backoff' });
    expect(uris(results)[0]).toBe('retries.md');
    expect(lookups).toEqual([false, false]);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    await down.close();
  });
});
