/**
 * What kind of network an IP address belongs to, for the SSRF guard of URL ingestion.
 * Ranges from the IANA special-purpose registries (RFC 6890 and successors). IPv4
 * inside IPv6 (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`)
 * is classified by the IPv4 address it carries, since that is where packets go.
 */
import { BlockList, isIP, isIPv6 } from 'node:net';

/** The network of an address; `public` is everything else. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'unique-local'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type Family = 'ipv4' | 'ipv6';

const ranges: ReadonlyArray<readonly [Exclude<AddressClass, 'public'>, string, number, Family]> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['unique-local', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];

const blockLists = new Map<Exclude<AddressClass, 'public'>, BlockList>();
for (const [kind, network, prefix, family] of ranges) {
  let list = blockLists.get(kind);
  if (list === undefined) {
    list = new BlockList();
    blockLists.set(kind, list);
  }
  list.addSubnet(network, prefix, family);
}

/**
 * The class of `address`, an IP literal as DNS returns it or as a URL host holds it
 * (brackets allowed, IPv4 in any form the URL parser accepts: `127.1`, `0x7f.1`,
 * `2130706433`). Undefined when `address` is not an IP literal (a host name).
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const literal = canonicalLiteral(address);
  if (literal === undefined) return undefined;
  const family: Family = isIPv6(literal) ? 'ipv6' : 'ipv4';
  const embedded = family === 'ipv6' ? embeddedIpv4(literal) : undefined;
  if (embedded !== undefined) return classifyAddress(embedded);
  for (const [kind, list] of blockLists) if (list.check(literal, family)) return kind;
  return 'public';
}

/** The address in the form `net` understands, or undefined for a host name. */
function canonicalLiteral(address: string): string | undefined {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) !== 0) return bare.toLowerCase();
  if (bare.includes(':') || bare === '') return undefined;
  let hostname: string;
  try {
    // The WHATWG parser turns every IPv4 spelling (octal, hex, short) into dotted decimal.
    hostname = new URL(`http://${bare}/`).hostname;
  } catch {
    return undefined;
  }
  return isIP(hostname) === 4 ? hostname : undefined;
}

/** The IPv4 address an IPv6 one carries in its last 32 bits, for the mapped, compatible and NAT64 forms. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (groups === undefined) return undefined;
  const head = groups.slice(0, 6);
  const zeros = head.slice(0, 5).every((group) => group === 0);
  const mapped = zeros && head[5] === 0xffff;
  // `::` and `::1` are themselves, not IPv4-compatible addresses.
  const compatible = zeros && head[5] === 0 && ((groups[6] ?? 0) !== 0 || (groups[7] ?? 0) > 1);
  const nat64 = head[0] === 0x64 && head[1] === 0xff9b && head.slice(2).every((g) => g === 0);
  if (!mapped && !compatible && !nat64) return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted tail converted). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = '', right] = text.split('::');
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const head = parse(left);
  const tail = right === undefined ? [] : parse(right);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (right === undefined && missing !== 0)) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}
