/**
 * The Idempotency-Key rules of `POST /v1/runs`. The key is reserved before the body
 * is read, so a retry that arrives while the first request is still uploading or
 * being processed gets 409. Once a run is accepted, the same key with the same body
 * replays the accepted response (with `Idempotent-Replayed: true`), and with another
 * body gets 422. A request that fails frees its key, so a corrected retry may use it.
 */
import { createHash } from 'node:crypto';

import type { Context, MiddlewareHandler } from 'hono';

import { canonicalJson } from '../../agent/index.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { IdempotencyRegistry } from './idempotency-registry.js';

export const idempotencyKeyHeader = 'Idempotency-Key';

const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyOptions {
  readonly registry: IdempotencyRegistry;
  /** The accepted response of an earlier request, rebuilt from its run. */
  readonly replay: (runId: string, context: Context<ServerEnvironment>) => Promise<Response>;
}

/** SHA-256 of the method, path and body; JSON bodies by value, so key order and spacing do not matter. */
export function requestFingerprint(method: string, path: string, body: string): string {
  let normalized = body;
  try {
    normalized = canonicalJson(JSON.parse(body));
  } catch {
    // Not JSON: the raw text is the fingerprint; validation will refuse the body anyway.
  }
  return createHash('sha256').update(`${method} ${path}\n${normalized}`).digest('hex');
}

export function idempotency(options: IdempotencyOptions): MiddlewareHandler<ServerEnvironment> {
  const { registry } = options;
  return async (context, next) => {
    const key = context.req.header(idempotencyKeyHeader);
    if (key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
      );
    }
    const principal = context.get('principal').id;
    const state = registry.state(principal, key);
    if (
      state.kind === 'in-flight' ||
      (state.kind === 'unused' && !registry.reserve(principal, key))
    ) {
      throw inFlight();
    }
    let accepted = false;
    try {
      const fingerprint = requestFingerprint(
        context.req.method,
        context.req.path,
        await context.req.text(),
      );
      if (state.kind === 'completed') {
        if (state.fingerprint !== fingerprint) {
          throw new ArchonError(
            ErrorCode.IdempotencyKeyReused,
            'this Idempotency-Key was used with a different request body',
          );
        }
        const replayed = await options.replay(state.runId, context);
        replayed.headers.set('Idempotent-Replayed', 'true');
        return replayed;
      }
      context.set('idempotency', { key, fingerprint });
      await next();
      const runId = context.get('acceptedRunId');
      if (context.res.status < 300 && runId !== undefined) {
        registry.complete(principal, key, fingerprint, runId);
        accepted = true;
      }
    } finally {
      // Only an in-flight reservation is freed; a completed key stays bound.
      if (!accepted) registry.release(principal, key);
    }
  };
}

function inFlight(): ArchonError {
  return new ArchonError(
    ErrorCode.Conflict,
    'a request with this Idempotency-Key is still in flight; retry when it has finished',
  );
}
