/**
 * Options of a web crawl and their defaults, validated once so the crawler itself can
 * trust every number it reads.
 */
import { ArchonError, ErrorCode } from '../../../core/errors.js';

/** How far and how politely {@link crawlUrl} may go. */
export interface CrawlOptions {
  /** Most pages fetched (sitemaps and robots.txt not counted). Default 100. */
  pageLimit?: number;
  /** Most requests in flight at once to one origin. Default 4. */
  concurrency?: number;
  /** Link depth followed from the start page (or from sitemap and llms.txt entries). Default 0. */
  maxDepth?: number;
  /** Stay on the start URL's origin (scheme, host, port). Default true. */
  sameSite?: boolean;
  /** Per request, body included. Default 15000. */
  timeoutMs?: number;
  /** Largest body read. Default 5 MiB. */
  maxBytes?: number;
  /** Sent on every request and matched against robots.txt groups. */
  userAgent?: string;
  /** The HTTP client; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Stops the crawl; the iterator then throws an ArchonError CANCELLED. */
  abortSignal?: AbortSignal;
}

/** {@link CrawlOptions} with every default applied. */
export interface CrawlSettings {
  readonly pageLimit: number;
  readonly concurrency: number;
  readonly maxDepth: number;
  readonly sameSite: boolean;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
  readonly fetch: typeof fetch;
  readonly abortSignal: AbortSignal | undefined;
}

export const defaultUserAgent = 'ArchonEngineer/0.1 (+knowledge-base ingest)';

/** Applies defaults and rejects nonsensical values with INVALID_INPUT. */
export function resolveCrawlSettings(options: CrawlOptions = {}): CrawlSettings {
  const userAgent = options.userAgent ?? defaultUserAgent;
  if (userAgent.trim() === '' || /[\r\n]/.test(userAgent)) {
    throw new ArchonError(ErrorCode.InvalidInput, 'userAgent must be a non-empty single line');
  }
  return {
    pageLimit: integerAtLeast('pageLimit', options.pageLimit ?? 100, 1),
    concurrency: integerAtLeast('concurrency', options.concurrency ?? 4, 1),
    maxDepth: integerAtLeast('maxDepth', options.maxDepth ?? 0, 0),
    sameSite: options.sameSite ?? true,
    timeoutMs: integerAtLeast('timeoutMs', options.timeoutMs ?? 15_000, 1),
    maxBytes: integerAtLeast('maxBytes', options.maxBytes ?? 5 * 1024 * 1024, 1),
    userAgent,
    fetch: options.fetch ?? globalThis.fetch,
    abortSignal: options.abortSignal,
  };
}

function integerAtLeast(name: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${name} must be an integer >= ${minimum}, got ${String(value)}`,
      { details: { option: name, value } },
    );
  }
  return value;
}
