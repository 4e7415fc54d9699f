/**
 * Gives every request an ID (the client's `X-Request-Id` when it is well formed, a
 * new one otherwise), a logger that writes it on every line, and, once answered, one
 * access-log line and its sample in the request metrics, labelled by route pattern.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

import {
  childWithRequestId,
  createRequestId,
  isValidRequestId,
  type Logger,
} from '../../observability/logger.js';
import type { ArchonMetrics } from '../../observability/metrics.js';
import type { ServerEnvironment } from '../server-environment.js';

/** Header carrying the request ID in both directions. */
export const requestIdHeader = 'X-Request-Id';

/** Route label of requests no route matched, so unknown paths cannot grow the label set. */
export const unmatchedRoute = '(unmatched)';

export function requestContext(options: {
  readonly logger: Logger;
  readonly metrics: ArchonMetrics;
}): MiddlewareHandler<ServerEnvironment> {
  return async (context, next) => {
    const started = performance.now();
    const offered = context.req.header(requestIdHeader);
    const requestId = isValidRequestId(offered) ? offered : createRequestId();
    const logger = childWithRequestId(options.logger, requestId);
    context.set('requestId', requestId);
    context.set('logger', logger);
    await next();
    const route = routeLabel(routePath(context, -1));
    // A raw Node handler (a mounted MCP transport) answered on the socket itself.
    const outgoing = context.env?.outgoing;
    const answeredRaw = outgoing?.headersSent === true;
    if (!answeredRaw) context.res.headers.set(requestIdHeader, requestId);
    const status = answeredRaw ? outgoing.statusCode : context.res.status;
    const durationSeconds = (performance.now() - started) / 1000;
    options.metrics.observeHttpRequest({
      route,
      method: context.req.method,
      status,
      durationSeconds,
    });
    logger.info(
      {
        method: context.req.method,
        path: context.req.path.slice(0, 300),
        route,
        status,
        durationMs: Math.round(durationSeconds * 100_000) / 100,
      },
      'request',
    );
  };
}

function routeLabel(path: string): string {
  return path === '*' || path === '/*' || path.endsWith('/*') || path === ''
    ? unmatchedRoute
    : path;
}
