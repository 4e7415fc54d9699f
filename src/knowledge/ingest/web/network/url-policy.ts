/**
 * Which URLs a server may fetch on behalf of a remote caller (the SSRF guard): http(s)
 * only, and never an address on loopback, private or special networks, unless the
 * operator allows private networks for intranet docs. Even then link-local (cloud
 * metadata at 169.254.169.254), unspecified, multicast and reserved addresses stay
 * refused: no documentation lives there.
 */
import type { LookupAddress, LookupAllOptions } from 'node:dns';

import { ArchonError, ErrorCode } from '../../../../core/errors.js';
import { type AddressClass, classifyAddress } from './address-class.js';

/** A DNS lookup with the shape of `dns.promises.lookup(host, { all: true })`; tests inject one. */
export type ResolveHost = (hostname: string, options: LookupAllOptions) => Promise<LookupAddress[]>;

/** The guard of one server. */
export interface UrlPolicy {
  /** Allow loopback, private (RFC 1918), shared (CGNAT) and unique-local addresses. */
  readonly allowPrivateNetworks: boolean;
  /** Resolves host names; `dns.promises.lookup` by default. */
  readonly resolveHost?: ResolveHost;
}

const privateClasses: ReadonlySet<AddressClass> = new Set([
  'loopback',
  'private',
  'shared',
  'unique-local',
]);

/** Why `address` may not be reached under `policy`, or undefined when it may. */
export function addressRefusal(address: string, policy: UrlPolicy): string | undefined {
  const kind = classifyAddress(address);
  if (kind === undefined || kind === 'public') return undefined;
  if (policy.allowPrivateNetworks && privateClasses.has(kind)) return undefined;
  const hint = privateClasses.has(kind) ? ' (set ingest.allowPrivateNetworks to allow it)' : '';
  return `a ${kind} address${hint}`;
}

/**
 * Throws URL_NOT_ALLOWED when `url` is not http(s) or its host is an IP literal the
 * policy refuses. Host names pass here; their addresses are checked when connecting.
 */
export function assertAllowedUrl(url: string | URL, policy: UrlPolicy): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new ArchonError(ErrorCode.InvalidInput, `not a valid URL: ${String(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw urlNotAllowed(parsed, `the scheme ${parsed.protocol} is not http(s)`);
  }
  const refusal = addressRefusal(parsed.hostname, policy);
  if (refusal !== undefined) throw urlNotAllowed(parsed, `${parsed.hostname} is ${refusal}`);
  return parsed;
}

/** The one-line URL_NOT_ALLOWED error for `url`. */
export function urlNotAllowed(url: URL | string, reason: string): ArchonError {
  const shown = typeof url === 'string' ? url : url.href;
  return new ArchonError(ErrorCode.UrlNotAllowed, `URL not allowed: ${shown}: ${reason}`, {
    details: { url: shown, reason },
  });
}

/** True for the error {@link urlNotAllowed} builds. */
export function isUrlNotAllowed(error: unknown): error is ArchonError {
  return ArchonError.isInstance(error) && error.code === ErrorCode.UrlNotAllowed;
}
