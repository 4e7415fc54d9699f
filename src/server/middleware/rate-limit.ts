/**
 * Request rate limits per API key: a token bucket per principal, 429 with
 * `Retry-After` when it is empty. Anonymous callers (a loopback server that needs no
 * key) are not limited unless the options say so, so local tools and benchmarks run
 * at full speed.
 */
import type { MiddlewareHandler } from 'hono';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { anonymousPrincipal, type ServerEnvironment } from '../server-environment.js';
import type { TokenBuckets } from './token-bucket.js';

export function rateLimit(options: {
  readonly buckets: TokenBuckets;
  readonly limitAnonymous: boolean;
  readonly exemptPaths: ReadonlySet<string>;
}): MiddlewareHandler<ServerEnvironment> {
  return async (context, next) => {
    const principal = context.get('principal') ?? anonymousPrincipal;
    const exempt =
      options.exemptPaths.has(context.req.path) ||
      (principal.id === anonymousPrincipal.id && !options.limitAnonymous);
    if (!exempt) {
      const decision = options.buckets.take(principal.id);
      if (!decision.allowed) {
        throw new ArchonError(
          ErrorCode.RateLimited,
          'too many requests for this API key; slow down',
          {
            details: { retryAfterSeconds: decision.retryAfterSeconds },
          },
        );
      }
    }
    return next();
  };
}
