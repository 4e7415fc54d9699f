import { describe, expect, it } from 'vitest';

import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate, per principal', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 4, burst: 2, clock: () => now });
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 0.25 });
    expect(buckets.take('b')).toEqual({ allowed: true });
    now += 250;
    expect(buckets.take('a')).toEqual({ allowed: true });
    now += 10_000;
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('never refills backwards when the clock steps back', () => {
    let now = 1000;
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 1, clock: () => now });
    expect(buckets.take('a').allowed).toBe(true);
    now = 0;
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('forgets full buckets so idle callers take no memory', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 100, burst: 1, clock: () => now });
    for (let index = 0; index < 1000; index += 1) buckets.take(`caller-${index}`);
    expect(buckets.size).toBe(1000);
    now += 1000;
    for (let index = 0; index < 30; index += 1) buckets.take('active');
    expect(buckets.size).toBeLessThanOrEqual(2);
  });
});
