/**
 * Ready-made readiness checks. Each one is a plain function returning a
 * {@link HealthCheck}; the server registers them with `required` as it sees fit
 * (the database is required, the model provider usually is not).
 */
import { performance } from 'node:perf_hooks';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { HealthCheck } from './health-types.js';

/**
 * Passes when the store answers `stats()`; the stats become the check's detail. Works
 * with any store that has `stats()` (the knowledge store, the knowledge base).
 */
export function databaseCheck(store: { stats(): Promise<unknown> }): HealthCheck {
  return async () => store.stats();
}

/**
 * Passes when the cache answers `ping()`; the detail names the implementation. The
 * server makes it required only for a shared cache (Redis): the in-process one
 * cannot be down.
 */
export function cacheCheck(cache: { readonly kind: string; ping(): Promise<void> }): HealthCheck {
  return async () => {
    await cache.ping();
    return { kind: cache.kind };
  };
}

/** Options of {@link modelProviderCheck}. */
export interface ModelProviderCheckOptions {
  /** An inexpensive endpoint of the provider, for example `<baseUrl>/models`. */
  readonly url: string;
  /** Headers to send, for example the authorization header. Never reported. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use. Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * Passes when a GET of `url` answers 2xx; fails with PROVIDER_ERROR on any other
 * status or when the provider cannot be reached. The detail is the HTTP status and the
 * round trip in milliseconds (kept when the check's outcome is cached).
 */
export function modelProviderCheck(options: ModelProviderCheckOptions): HealthCheck {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `model provider check needs an absolute URL, got '${options.url}'`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `model provider check needs an http(s) URL, got '${url.protocol}'`,
    );
  }
  const fetchImplementation = options.fetch ?? fetch;
  return async (signal) => {
    const startedAt = performance.now();
    let response: Response;
    try {
      response = await fetchImplementation(url, {
        method: 'GET',
        headers: { ...options.headers },
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new ArchonError(ErrorCode.ProviderError, `model provider unreachable: ${reason}`);
    }
    await response.body?.cancel();
    if (!response.ok) {
      throw new ArchonError(
        ErrorCode.ProviderError,
        `model provider answered HTTP ${response.status}`,
      );
    }
    return {
      status: response.status,
      latencyMs: Math.round((performance.now() - startedAt) * 100) / 100,
    };
  };
}
