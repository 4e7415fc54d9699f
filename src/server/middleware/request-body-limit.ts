/**
 * The body size limit, decided from `Content-Length` when the request declares one
 * (every common client does), so the body stays untouched until the route reads it.
 * Hono's `bodyLimit` first asks for the web `ReadableStream` of the body, which makes
 * the Node adapter build a full `Request` (abort signal, stream, undici headers) for
 * every request: about a tenth of the server's CPU per search. A body without a
 * declared length (chunked) still goes through Hono's counting `bodyLimit`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

import type { ServerEnvironment } from '../server-environment.js';

/** Options of {@link requestBodyLimit}. */
export interface RequestBodyLimitOptions {
  readonly maxSize: number;
  /** Answers (or throws) when the body is larger than `maxSize`. */
  readonly onError: (context: Context<ServerEnvironment>) => Response | Promise<Response>;
}

/** Refuses request bodies larger than `maxSize` bytes. */
export function requestBodyLimit(
  options: RequestBodyLimitOptions,
): MiddlewareHandler<ServerEnvironment> {
  const counting = bodyLimit(options);
  return async (context, next) => {
    const method = context.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = context.req.header('content-length');
    if (declared !== undefined && context.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > options.maxSize ? options.onError(context) : next();
    }
    return counting(context, next);
  };
}
