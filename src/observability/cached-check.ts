/**
 * A readiness check whose outcome is reused for a while. Readiness probes arrive every
 * few seconds from every load balancer and kubelet; a check that calls a paid or
 * rate-limited service (a model provider) must not turn each probe into a request.
 * Concurrent callers share one run; a failure is cached like a success, so a provider
 * that is down is not hammered either.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { HealthCheck } from './health-types.js';

/** Options of {@link cachedCheck}. */
export interface CachedCheckOptions {
  /** How long an outcome is reused, from when it settled. */
  readonly ttlMs: number;
  /** Milliseconds; tests inject one. Default `performance.now`. */
  readonly clock?: () => number;
}

/** `check`, run at most once per `ttlMs`. */
export function cachedCheck(check: HealthCheck, options: CachedCheckOptions): HealthCheck {
  if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) {
    throw new ArchonError(ErrorCode.InvalidInput, `cache ttlMs must be >= 0, got ${options.ttlMs}`);
  }
  const clock = options.clock ?? (() => performance.now());
  let last: Promise<unknown> | undefined;
  let settledAt: number | undefined;
  const fresh = (): boolean => settledAt === undefined || clock() - settledAt < options.ttlMs;
  return (signal) => {
    if (last !== undefined && fresh()) return last;
    const current = Promise.resolve().then(() => check(signal));
    const markSettled = (): void => {
      if (last === current) settledAt = clock();
    };
    last = current;
    settledAt = undefined;
    current.then(markSettled, markSettled);
    return current;
  };
}
