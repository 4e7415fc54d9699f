import { describe, expect, it } from 'vitest';

import type { ArchonError } from '../core/errors.js';
import { ErrorCode } from '../core/errors.js';
import { cachedCheck } from './cached-check.js';

describe('cachedCheck', () => {
  const signal = new AbortController().signal;

  it('shares a run in flight and reuses its outcome until the period ends', async () => {
    let runs = 0;
    let now = 100;
    const check = cachedCheck(async () => ++runs, { ttlMs: 10, clock: () => now });
    expect(await Promise.all([check(signal), check(signal)])).toEqual([1, 1]);
    now = 109;
    expect(await check(signal)).toBe(1);
    now = 110;
    expect(await check(signal)).toBe(2);
  });

  it('caches a failure too, and runs every time with a zero period', async () => {
    let runs = 0;
    const failing = cachedCheck(() => Promise.reject(new Error(`down ${++runs}`)), {
      ttlMs: 1_000,
      clock: () => 0,
    });
    await expect(failing(signal)).rejects.toThrow('down 1');
    await expect(failing(signal)).rejects.toThrow('down 1');
    let uncachedRuns = 0;
    const uncached = cachedCheck(async () => ++uncachedRuns, { ttlMs: 0 });
    await uncached(signal);
    await uncached(signal);
    expect(uncachedRuns).toBe(2);
  });

  it('refuses a negative or non-finite period', () => {
    for (const ttlMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cachedCheck(async () => true, { ttlMs })).toThrow(
        expect.objectContaining({ code: ErrorCode.InvalidInput }) as ArchonError,
      );
    }
  });
});
