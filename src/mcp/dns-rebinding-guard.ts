/**
 * DNS rebinding protection for MCP over HTTP, as the MCP specification requires. A web
 * page on evil.example whose name is re-pointed at 127.0.0.1 reaches a loopback server
 * with `Host: evil.example`; the Host check refuses every name the server is not
 * known by. Browsers also send `Origin`: a cross-origin page is refused unless the
 * operator allowed its origin. Clients that are not browsers send no Origin.
 *
 * Hosts are compared by name, not port, so a port-forward or a proxy in front still
 * works; the rebinding attack depends on the name alone. A server bound to every
 * interface (0.0.0.0, ::) cannot know its public names: it accepts any Host unless
 * `allowedHosts` lists them, and relies on API keys, which are required off loopback.
 */

/** Names every server answers to: the loopback ones. */
const loopbackNames: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
const wildcardAddresses: readonly string[] = ['0.0.0.0', '::', '[::]', ''];

export interface DnsRebindingOptions {
  /** The address the server was told to listen on (`--host`): 127.0.0.1, ::1, 0.0.0.0, a name. */
  readonly host: string;
  /** More Host names to accept (names behind a proxy or a Kubernetes Service). */
  readonly allowedHosts?: readonly string[];
  /** Browser origins to accept besides the server's own, e.g. `http://localhost:6274`. */
  readonly allowedOrigins?: readonly string[];
}

/** Why a request was refused, or null when it may pass. */
export type RebindingVerdict = { readonly reason: string } | null;

/** A checker of the `Host` and `Origin` headers of one request. */
export function createDnsRebindingGuard(
  options: DnsRebindingOptions,
): (headers: Headers) => RebindingVerdict {
  const boundName = hostnameOf(bracketed(options.host));
  const extraNames = (options.allowedHosts ?? []).map((name) => hostnameOf(name));
  const acceptsAnyHost = wildcardAddresses.includes(options.host.trim()) && extraNames.length === 0;
  const names = new Set<string>(
    [...loopbackNames, ...extraNames, boundName].filter(
      (name): name is string => name !== undefined,
    ),
  );
  const origins = new Set(
    (options.allowedOrigins ?? []).map((origin) => originOf(origin)).filter(Boolean),
  );

  return (headers) => {
    const host = headers.get('host') ?? '';
    const hostname = hostnameOf(host);
    if (hostname === undefined || (!acceptsAnyHost && !names.has(hostname))) {
      return { reason: `Host '${host}' is not allowed` };
    }
    const origin = headers.get('origin');
    if (origin === null) return null;
    const normalized = originOf(origin);
    if (normalized !== undefined && origins.has(normalized)) return null;
    if (normalized !== undefined && new URL(normalized).host === hostPortOf(host)) return null;
    return { reason: `Origin '${origin}' is not allowed` };
  };
}

/** The lower-case host name of a `Host` value or a bare name; undefined when unparsable. */
function hostnameOf(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(`http://${trimmed}`);
    return url.username === '' && url.pathname === '/' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** `name[:port]` as URL normalizes it (default port dropped). */
function hostPortOf(value: string): string {
  try {
    return new URL(`http://${value.trim()}`).host;
  } catch {
    return '';
  }
}

/** `scheme://host[:port]` of an http(s) origin; undefined for `null` or anything else. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An IPv6 literal in brackets, as it appears in a Host header. */
function bracketed(address: string): string {
  const trimmed = address.trim();
  return trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
}
