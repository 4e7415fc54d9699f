/**
 * Reads sitemaps (sitemaps.org protocol): a `<urlset>` lists pages, a `<sitemapindex>`
 * lists further sitemaps. Only `<loc>` matters for ingestion; priorities and dates are
 * ignored. Namespace prefixes are tolerated.
 */
import { XMLParser } from 'fast-xml-parser';

/** What a sitemap file holds. */
export type Sitemap =
  | { readonly kind: 'pages'; readonly locations: readonly string[] }
  | { readonly kind: 'index'; readonly locations: readonly string[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

/** Parses sitemap XML; null when the text is not a sitemap (or not XML at all). */
export function parseSitemap(xml: string): Sitemap | null {
  let tree: unknown;
  try {
    tree = parser.parse(xml);
  } catch {
    return null;
  }
  if (!isRecord(tree)) return null;
  if ('urlset' in tree) return { kind: 'pages', locations: locationsOf(tree.urlset, 'url') };
  if ('sitemapindex' in tree) {
    return { kind: 'index', locations: locationsOf(tree.sitemapindex, 'sitemap') };
  }
  return null;
}

function locationsOf(container: unknown, entryName: string): string[] {
  if (!isRecord(container)) return [];
  const entries = container[entryName];
  if (!Array.isArray(entries)) return [];
  const locations: string[] = [];
  for (const entry of entries) {
    const location = isRecord(entry) ? entry.loc : undefined;
    if (typeof location === 'string' && location !== '') locations.push(location);
  }
  return locations;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when the URL's last path segment names a sitemap (`sitemap.xml`, `sitemap-1.xml`, `post-sitemap.xml`). */
export function isSitemapPath(url: string): boolean {
  const lastSegment = new URL(url).pathname.split('/').pop()?.toLowerCase() ?? '';
  return /sitemap[\w.-]*\.xml$/.test(lastSegment);
}
