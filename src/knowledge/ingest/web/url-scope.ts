/**
 * URL identity and crawl scope. Two spellings of one page must dedupe to one document,
 * and a crawl must not wander off the site it was pointed at.
 */

/**
 * Absolute http(s) URL without its fragment; default ports and host case are normalized
 * by WHATWG URL parsing. Nothing else is rewritten (query order is kept). Null when
 * `reference` is not a usable web URL.
 */
export function normalizeUrl(reference: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(reference.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

/** Scheme, host and port of a normalized URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Which URLs a crawl may fetch: everything, or only its start origin. */
export class CrawlScope {
  #origin: string;

  constructor(
    startUrl: string,
    private readonly sameSite: boolean,
  ) {
    this.#origin = originOf(startUrl);
  }

  /** Moves the scope to where the start URL really lives (after a redirect). */
  rebase(finalStartUrl: string): void {
    this.#origin = originOf(finalStartUrl);
  }

  get origin(): string {
    return this.#origin;
  }

  contains(url: string): boolean {
    return !this.sameSite || originOf(url) === this.#origin;
  }
}
