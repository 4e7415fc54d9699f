import { describe, expect, it } from 'vitest';

import {
  backoffDelay,
  isRetryableStatus,
  maxRetryAfterMs,
  retryAfterDelay,
} from './retry-timing.js';

const now = Date.parse('2026-01-01T00:00:00Z');
const headers = (entries: Record<string, string>): Headers => new Headers(entries);

describe('isRetryableStatus', () => {
  it.each([408, 409, 425, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([400, 401, 403, 404, 413, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling per retry from 500 ms and caps it at 20 s', () => {
    const top = (retry: number): number => backoffDelay(retry, () => 0.999_999_9);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([499, 999, 1999, 3999, 7999, 15_999, 19_999]);
    expect(top(30)).toBe(19_999);
  });

  it('spreads waits uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(2, () => 0)).toBe(0);
    expect(backoffDelay(2, () => 0.5)).toBe(1000);
  });
});

describe('retryAfterDelay', () => {
  it('reads seconds, fractional seconds and zero', () => {
    expect(retryAfterDelay(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterDelay(headers({ 'retry-after': '1.5' }), now)).toBe(1500);
    expect(retryAfterDelay(headers({ 'retry-after': '0' }), now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterDelay(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), now)).toBe(
      7000,
    );
    expect(retryAfterDelay(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBe(
      0,
    );
  });

  it('prefers retry-after-ms', () => {
    expect(retryAfterDelay(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(
      250,
    );
  });

  it('caps every hint at 60 seconds', () => {
    expect(retryAfterDelay(headers({ 'retry-after': '86400' }), now)).toBe(maxRetryAfterMs);
    expect(retryAfterDelay(headers({ 'retry-after-ms': '999999' }), now)).toBe(maxRetryAfterMs);
    expect(retryAfterDelay(headers({ 'retry-after': 'Fri, 02 Jan 2026 00:00:00 GMT' }), now)).toBe(
      60_000,
    );
  });

  it('ignores missing, negative and unreadable hints', () => {
    expect(retryAfterDelay(headers({}), now)).toBeUndefined();
    expect(retryAfterDelay(headers({ 'retry-after': '-5' }), now)).toBeUndefined();
    expect(retryAfterDelay(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterDelay(headers({ 'retry-after': ' ' }), now)).toBeUndefined();
    expect(retryAfterDelay(headers({ 'retry-after-ms': 'abc', 'retry-after': '2' }), now)).toBe(
      2000,
    );
  });
});
