/**
 * The Cache contract, as a suite every implementation runs (memory and Redis). It
 * uses only the contract; each run gets fresh keys, so a shared Redis is safe.
 */
import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Cache } from '../../src/core/cache.js';
import { ErrorCode } from '../../src/core/errors.js';

export interface CacheUnderTest {
  readonly cache: Cache;
  readonly cleanup: () => Promise<void>;
}

export function runCacheConformance(name: string, factory: () => Promise<CacheUnderTest>): void {
  describe(`Cache conformance: ${name}`, () => {
    let underTest: CacheUnderTest;
    let cache: Cache;
    let run: string;
    const key = (name: string) => `${run}:${name}`;

    beforeEach(async () => {
      underTest = await factory();
      cache = underTest.cache;
      run = `conformance:${randomUUID()}`;
    });
    afterEach(async () => {
      await underTest.cleanup();
    });

    it('misses a key never written', async () => {
      expect(await cache.get(key('absent'))).toBeUndefined();
      expect(await cache.getJson(key('absent'))).toBeUndefined();
    });

    it('returns the bytes it stored, byte for byte', async () => {
      const bytes = new Uint8Array([0, 1, 2, 254, 255, 0x80, 10, 13]);
      await cache.set(key('bytes'), bytes, 60);
      expect(await cache.get(key('bytes'))).toEqual(bytes);
    });

    it('returns a copy: changing what was stored or read changes nothing cached', async () => {
      const bytes = new Uint8Array([1, 2, 3]);
      await cache.set(key('copy'), bytes, 60);
      bytes[0] = 9;
      const read = await cache.get(key('copy'));
      expect(read).toEqual(new Uint8Array([1, 2, 3]));
      read?.fill(7);
      expect(await cache.get(key('copy'))).toEqual(new Uint8Array([1, 2, 3]));
      const value = { list: [1, 2], text: 'é ✓' };
      await cache.setJson(key('json-copy'), value, 60);
      value.list.push(3);
      const first = await cache.getJson<typeof value>(key('json-copy'));
      first?.list.push(4);
      expect(await cache.getJson(key('json-copy'))).toEqual({ list: [1, 2], text: 'é ✓' });
    });

    it('round-trips JSON values, including null, numbers and unicode', async () => {
      const value = {
        query: 'retry ✓ 重试',
        results: [{ id: 1, score: 0.5, tags: [] }],
        none: null,
      };
      await cache.setJson(key('json'), value, 60);
      expect(await cache.getJson(key('json'))).toEqual(value);
      await cache.setJson(key('null'), null, 60);
      expect(await cache.getJson(key('null'))).toBeNull();
      await cache.setJson(key('number'), 42, 60);
      expect(await cache.getJson(key('number'))).toBe(42);
    });

    it('reads JSON as its UTF-8 bytes, and bytes that are not JSON as a JSON miss', async () => {
      await cache.setJson(key('as-bytes'), { a: 'é' }, 60);
      expect(new TextDecoder().decode(await cache.get(key('as-bytes')))).toBe('{"a":"é"}');
      await cache.set(key('not-json'), new TextEncoder().encode('{not json'), 60);
      expect(await cache.getJson(key('not-json'))).toBeUndefined();
    });

    it('overwrites a key with the last value written', async () => {
      await cache.setJson(key('over'), 'first', 60);
      await cache.setJson(key('over'), 'second', 60);
      expect(await cache.getJson(key('over'))).toBe('second');
    });

    it('deletes a key and says whether there was one', async () => {
      await cache.setJson(key('gone'), 1, 60);
      expect(await cache.delete(key('gone'))).toBe(true);
      expect(await cache.getJson(key('gone'))).toBeUndefined();
      expect(await cache.delete(key('gone'))).toBe(false);
    });

    it('keeps keys apart', async () => {
      await cache.setJson(key('a'), 'A', 60);
      await cache.setJson(key('b'), 'B', 60);
      expect([await cache.getJson(key('a')), await cache.getJson(key('b'))]).toEqual(['A', 'B']);
    });

    it('forgets an entry once its time to live has passed', async () => {
      await cache.setJson(key('short'), 'soon gone', 1);
      await cache.setJson(key('long'), 'stays', 60);
      expect(await cache.getJson(key('short'))).toBe('soon gone');
      // Expiry is the behaviour under test, not its timing: wait until it happens.
      await expect
        .poll(() => cache.getJson(key('short')), { timeout: 5_000, interval: 100 })
        .toBeUndefined();
      expect(await cache.getJson(key('long'))).toBe('stays');
    });

    it('answers ping when healthy', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
      expect(cache.kind).toMatch(/^[a-z]+$/);
    });

    it('rejects bad keys, times to live and values with INVALID_INPUT', async () => {
      const invalid = expect.objectContaining({ code: ErrorCode.InvalidInput });
      await expect(cache.get('')).rejects.toEqual(invalid);
      await expect(cache.get('k'.repeat(513))).rejects.toEqual(invalid);
      await expect(cache.setJson(key('ttl'), 1, 0)).rejects.toEqual(invalid);
      await expect(cache.setJson(key('ttl'), 1, 1.5)).rejects.toEqual(invalid);
      await expect(cache.setJson(key('ttl'), 1, 31 * 24 * 3600)).rejects.toEqual(invalid);
      await expect(cache.setJson(key('fn'), () => 1, 60)).rejects.toEqual(invalid);
      await expect(cache.setJson(key('big'), { n: 10n }, 60)).rejects.toEqual(invalid);
      await expect(cache.set(key('str'), 'text' as unknown as Uint8Array, 60)).rejects.toEqual(
        invalid,
      );
      await expect(cache.delete('')).rejects.toEqual(invalid);
      expect(await cache.getJson(key('ttl'))).toBeUndefined();
    });

    it('answers misses after close, without throwing', async () => {
      await cache.setJson(key('closed'), 1, 60);
      await cache.close();
      expect(await cache.getJson(key('closed'))).toBeUndefined();
      await cache.close();
    });
  });
}
