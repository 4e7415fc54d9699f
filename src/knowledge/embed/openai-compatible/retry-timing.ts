/**
 * When the OpenAI-compatible client retries and how long it waits: which HTTP statuses
 * are worth another try, capped exponential backoff with full jitter, and the server's
 * own `Retry-After` hint, which wins over the backoff when present.
 */

/** Longest wait a server's `Retry-After` can ask for; longer hints are cut to this. */
export const maxRetryAfterMs = 60_000;
const backoffBaseMs = 500;
const backoffCapMs = 20_000;

/** Timeout, conflict, too early, rate limited, or any server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * The wait before retry number `retry` (0 for the first retry): a uniformly random
 * duration up to `min(cap, base * 2^retry)`, so clients that failed together spread out.
 */
export function backoffDelay(retry: number, random: () => number): number {
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The wait a response asks for, in milliseconds, capped at {@link maxRetryAfterMs}:
 * `retry-after-ms`, else `Retry-After` as seconds or as an HTTP date relative to `now`.
 * Undefined when there is no usable hint.
 */
export function retryAfterDelay(headers: Headers, now: number): number | undefined {
  const milliseconds = parseNonNegative(headers.get('retry-after-ms'));
  if (milliseconds !== undefined) return Math.min(milliseconds, maxRetryAfterMs);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return Math.min(seconds * 1000, maxRetryAfterMs);
  // HTTP dates start with a day name; this keeps `Date.parse` from reading `-5` as a year.
  const date = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), maxRetryAfterMs);
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
