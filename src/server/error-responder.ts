/**
 * The app's error handler and not-found handler: both answer through
 * `toHttpError`, so every failure has the same body. Server faults are logged with
 * their stack (the log stays inside the operator's systems; the client gets none).
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { Logger } from '../observability/logger.js';
import { toHttpError } from './http-error-mapping.js';
import type { ServerEnvironment } from './server-environment.js';

export function errorResponder(fallbackLogger: Logger): ErrorHandler<ServerEnvironment> {
  return (error, context) => respond(error, context, fallbackLogger);
}

export function notFoundResponder(fallbackLogger: Logger): NotFoundHandler<ServerEnvironment> {
  return (context) =>
    respond(
      new ArchonError(
        ErrorCode.NotFound,
        `no route ${context.req.method} ${context.req.path.slice(0, 200)}`,
      ),
      context,
      fallbackLogger,
    );
}

function respond(
  error: unknown,
  context: Context<ServerEnvironment>,
  fallbackLogger: Logger,
): Response {
  const mapped = toHttpError(error);
  const logger = context.get('logger') ?? fallbackLogger;
  if (mapped.serverFault) {
    logger.error({ err: error, code: mapped.body.error.code }, 'request failed');
  } else {
    logger.debug({ code: mapped.body.error.code, status: mapped.status }, 'request refused');
  }
  return context.json(mapped.body, mapped.status, mapped.headers);
}
