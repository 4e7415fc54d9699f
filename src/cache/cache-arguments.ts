/**
 * Argument checks shared by every cache implementation, so a bad key or time to live
 * fails the same way everywhere: a programming error, reported as INVALID_INPUT.
 */
import { maximumCacheKeyLength, maximumCacheTtlSeconds } from '../core/cache.js';
import { ArchonError, ErrorCode } from '../core/errors.js';

/** Throws INVALID_INPUT unless `key` is a non-empty string of at most 512 characters. */
export function checkCacheKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > maximumCacheKeyLength) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `cache key must be a string of 1 to ${maximumCacheKeyLength} characters`,
    );
  }
}

/** Throws INVALID_INPUT unless `ttlSeconds` is a whole number of seconds from 1 to 30 days. */
export function checkCacheTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > maximumCacheTtlSeconds) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `cache ttl must be an integer from 1 to ${maximumCacheTtlSeconds} seconds, got ${ttlSeconds}`,
    );
  }
}

/** `JSON.stringify(value)`, or INVALID_INPUT when the value has no JSON form. */
export function toCacheJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new ArchonError(ErrorCode.InvalidInput, 'cache value cannot be written as JSON', {
      cause: error,
    });
  }
  if (text === undefined) {
    throw new ArchonError(ErrorCode.InvalidInput, 'cache value cannot be written as JSON');
  }
  return text;
}

/** Parses cached JSON; undefined when the stored text is not JSON (a foreign or byte value). */
export function fromCacheJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
