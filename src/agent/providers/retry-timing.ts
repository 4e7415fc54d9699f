/**
 * When a model call is worth another try and how long to wait first: the statuses that
 * signal a passing problem, capped exponential backoff with full jitter, and the
 * server's own `Retry-After` hint, which wins over the backoff when present.
 */

/** Request timeout, conflict, too early, rate limited, or any server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * The wait before retry number `retry` (0 for the first): uniformly random up to
 * `min(capMs, baseMs * 2^retry)`, so clients that failed together spread out.
 */
export function backoffDelay(
  retry: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The wait a response asks for in milliseconds, at most `capMs`: `retry-after-ms`, else
 * `retry-after` as seconds or as an HTTP date relative to `now`. Undefined without a
 * usable hint. Header names must be lowercase (as the AI SDK records them).
 */
export function retryAfterDelay(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now: number,
  capMs: number,
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = nonNegativeNumber(headers['retry-after-ms']);
  if (milliseconds !== undefined) return Math.min(milliseconds, capMs);
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  const seconds = nonNegativeNumber(value);
  if (seconds !== undefined) return Math.min(seconds * 1000, capMs);
  // An HTTP date starts with a day name; this keeps Date.parse from reading `-5` as a year.
  const date = /^[A-Za-z]{3},/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), capMs);
}

function nonNegativeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
