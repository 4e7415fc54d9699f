/**
 * API-key authentication. When the server requires keys (it listens beyond
 * loopback), every request outside the public paths must carry an active key as
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`; a missing, wrong or revoked
 * key gets 401, and the three cases share one message so a caller learns nothing
 * about which keys exist. Without the requirement every caller is anonymous.
 */
import type { MiddlewareHandler } from 'hono';

import type { ApiKeyStore } from '../../core/api-key-store.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { anonymousPrincipal, type ServerEnvironment } from '../server-environment.js';

export interface AuthenticationOptions {
  readonly apiKeys: ApiKeyStore;
  readonly required: boolean;
  /** Exact paths open to anyone: the probes an orchestrator calls without credentials. */
  readonly publicPaths: ReadonlySet<string>;
}

/** The key a request carries, or null. */
export function presentedApiKey(headers: {
  get(name: string): string | null | undefined;
}): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  const apiKey = headers.get('x-api-key')?.trim();
  return apiKey ? apiKey : null;
}

export function authentication(
  options: AuthenticationOptions,
): MiddlewareHandler<ServerEnvironment> {
  return async (context, next) => {
    if (!options.required || options.publicPaths.has(context.req.path)) {
      context.set('principal', anonymousPrincipal);
      return next();
    }
    const key = presentedApiKey(context.req.raw.headers);
    if (key === null) {
      throw new ArchonError(
        ErrorCode.Unauthorized,
        'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
      );
    }
    const record = await options.apiKeys.verify(key);
    if (record === null) {
      throw new ArchonError(ErrorCode.Unauthorized, 'the API key is not valid or was revoked');
    }
    context.set('principal', { id: `key:${record.id}`, keyName: record.name });
    return next();
  };
}
