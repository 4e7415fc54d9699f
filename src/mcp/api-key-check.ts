/**
 * API-key authentication of MCP over HTTP. The key comes as `Authorization: Bearer
 * <key>` (what MCP clients send) or `X-API-Key: <key>`; the server's key store decides
 * whether it is valid (stored hashed, revocable), through `verifyKey`.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

export interface ApiKeyOptions {
  /** Whether every request must carry a valid key (always so off loopback). */
  readonly requireAuth: boolean;
  /** True when `key` is a valid, unrevoked API key. */
  readonly verifyKey?: (key: string) => Promise<boolean>;
}

/** Why a request is not authenticated, or null when it is (or no key is required). */
export type AuthenticationVerdict = { readonly reason: string } | null;

/** The key a request carries, or undefined. */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    return match?.[1];
  }
  const key = headers.get('x-api-key')?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** A checker of one request's key; `verifyKey` is required when `requireAuth` is set. */
export function createApiKeyCheck(
  options: ApiKeyOptions,
): (headers: Headers) => Promise<AuthenticationVerdict> {
  const { requireAuth, verifyKey } = options;
  if (requireAuth && verifyKey === undefined) {
    throw new ArchonError(ErrorCode.InvalidConfig, 'MCP over HTTP: requireAuth needs verifyKey');
  }
  return async (headers) => {
    if (!requireAuth || verifyKey === undefined) return null;
    const key = presentedKey(headers);
    if (key === undefined)
      return { reason: 'an API key is required (Authorization: Bearer <key>)' };
    return (await verifyKey(key)) ? null : { reason: 'the API key is not valid' };
  };
}
