import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { MemoryCache } from './memory-cache.js';

describe('MemoryCache bounds', () => {
  it('evicts the least recently used entry when over the entry limit', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.setJson('a', 1, 60);
    await cache.setJson('b', 2, 60);
    await cache.getJson('a'); // a is now the most recently used
    await cache.setJson('c', 3, 60);
    expect(await cache.getJson('b')).toBeUndefined();
    expect([await cache.getJson('a'), await cache.getJson('c')]).toEqual([1, 3]);
    expect(cache.size.entries).toBe(2);
  });

  it('evicts by bytes and never keeps a value larger than the whole cache', async () => {
    const cache = new MemoryCache({ maxBytes: 100 });
    await cache.set('x', new Uint8Array(40), 60);
    await cache.set('y', new Uint8Array(40), 60);
    expect(cache.size.entries).toBe(2);
    await cache.set('z', new Uint8Array(40), 60);
    expect(await cache.get('x')).toBeUndefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(100);
    await cache.set('huge', new Uint8Array(200), 60);
    expect(await cache.get('huge')).toBeUndefined();
    expect(await cache.get('z')).toEqual(new Uint8Array(40));
  });

  it('expires by its clock and frees the bytes', async () => {
    let now = 1_000;
    const cache = new MemoryCache({ clock: () => now });
    await cache.setJson('k', 'v', 5);
    now += 4_999;
    expect(await cache.getJson('k')).toBe('v');
    now += 1;
    expect(await cache.getJson('k')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new MemoryCache({ maxEntries: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidConfig }),
    );
    expect(() => new MemoryCache({ maxBytes: 1.5 })).toThrow(/maxBytes/);
  });
});
