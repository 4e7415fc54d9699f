import { describe, expect, it } from 'vitest';

import { backoffDelay, isRetryableStatus, retryAfterDelay } from './retry-timing.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const cap = 60_000;

describe('isRetryableStatus', () => {
  it.each([408, 409, 425, 429, 500, 502, 503, 504, 529])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([400, 401, 403, 404, 413, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling per retry and caps it', () => {
    const top = (retry: number): number => backoffDelay(retry, 1000, 30_000, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5, 20].map(top)).toEqual([
      999, 1999, 3999, 7999, 15_999, 29_999, 29_999,
    ]);
  });
  it('spreads waits over the whole range below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 1000, 30_000, () => 0.25)).toBe(2000);
  });
});

describe('retryAfterDelay', () => {
  it('reads seconds, fractions and zero', () => {
    expect(retryAfterDelay({ 'retry-after': '3' }, now, cap)).toBe(3000);
    expect(retryAfterDelay({ 'retry-after': '1.5' }, now, cap)).toBe(1500);
    expect(retryAfterDelay({ 'retry-after': '0' }, now, cap)).toBe(0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterDelay({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now, cap)).toBe(
      7000,
    );
    expect(retryAfterDelay({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now, cap)).toBe(0);
  });
  it('prefers retry-after-ms', () => {
    expect(retryAfterDelay({ 'retry-after-ms': '250', 'retry-after': '9' }, now, cap)).toBe(250);
  });
  it('caps every hint', () => {
    expect(retryAfterDelay({ 'retry-after': '86400' }, now, cap)).toBe(cap);
    expect(retryAfterDelay({ 'retry-after-ms': '999999' }, now, cap)).toBe(cap);
    expect(retryAfterDelay({ 'retry-after': 'Fri, 02 Jan 2026 00:00:00 GMT' }, now, cap)).toBe(cap);
  });
  it('ignores missing, negative and unreadable hints', () => {
    expect(retryAfterDelay(undefined, now, cap)).toBeUndefined();
    expect(retryAfterDelay({}, now, cap)).toBeUndefined();
    expect(retryAfterDelay({ 'retry-after': '-5' }, now, cap)).toBeUndefined();
    expect(retryAfterDelay({ 'retry-after': 'soon' }, now, cap)).toBeUndefined();
    expect(retryAfterDelay({ 'retry-after': 'Xyz, garbage' }, now, cap)).toBeUndefined();
    expect(retryAfterDelay({ 'retry-after': ' ' }, now, cap)).toBeUndefined();
    expect(retryAfterDelay({ 'retry-after-ms': 'abc', 'retry-after': '2' }, now, cap)).toBe(2000);
  });
});
