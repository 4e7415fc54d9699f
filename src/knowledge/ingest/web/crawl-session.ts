/**
 * The state of one crawl: which URLs were seen, how many pages were fetched, and the
 * concurrent tasks that fetch pages and sitemaps and push their results to the reader.
 */
import { ArchonError, ErrorCode, toArchonError } from '../../../core/errors.js';
import type { LoadResult } from '../loaded-document.js';
import { isPageOrXmlType, isPageType } from './content-type.js';
import type { CrawlSettings } from './crawl-options.js';
import { type FetchedResource, type FetchOutcome, HttpFetcher } from './http-fetcher.js';
import { isUrlNotAllowed } from './network/url-policy.js';
import { OriginPacer } from './origin-pacer.js';
import { ResultChannel } from './result-channel.js';
import { RobotsPolicy, type RobotsVerdict } from './robots-policy.js';
import { parseSitemap } from './sitemap-reader.js';
import { CrawlScope, normalizeUrl } from './url-scope.js';
import { readWebPage, skip } from './web-document.js';

/** Nested sitemap indexes deeper than this are not followed (guards against loops). */
const maxSitemapNesting = 4;

/** Shared machinery of a crawl; {@link crawlUrl} drives it. */
export class CrawlSession {
  readonly channel = new ResultChannel<LoadResult>();
  readonly controller = new AbortController();
  readonly fetcher: HttpFetcher;
  readonly robots: RobotsPolicy;
  readonly pacer: OriginPacer;
  readonly scope: CrawlScope;
  readonly #seenPages = new Set<string>();
  readonly #seenSitemaps = new Set<string>();
  readonly #emittedUris = new Set<string>();
  #pagesStarted = 0;
  #pagesLeft = 0;
  #pendingTasks = 0;
  #started = false;

  constructor(
    readonly settings: CrawlSettings,
    startUrl: string,
  ) {
    this.fetcher = new HttpFetcher({ ...settings, signal: this.controller.signal });
    this.robots = new RobotsPolicy(this.fetcher, settings.userAgent);
    this.pacer = new OriginPacer(settings.concurrency, this.controller.signal);
    this.scope = new CrawlScope(startUrl, settings.sameSite);
    this.#seenPages.add(startUrl);
  }

  /** Counts a page against the limit; false (and counted as left over) once it is reached. */
  reservePage(): boolean {
    if (this.#pagesStarted >= this.settings.pageLimit) {
      this.#pagesLeft += 1;
      return false;
    }
    this.#pagesStarted += 1;
    return true;
  }

  /** Gives back a reservation (the start URL turned out to be a sitemap). */
  releasePage(): void {
    this.#pagesStarted -= 1;
  }

  /** Records a document emitted outside {@link acceptPage} (llms.txt files), so links back to it are not fetched again. */
  markEmitted(uri: string): void {
    this.#seenPages.add(uri);
    this.#emittedUris.add(uri);
  }

  /** Called once the start URL is handled: from now on, idle means done. */
  markStarted(): void {
    this.#started = true;
    this.#finishIfIdle();
  }

  /**
   * Queues a page found in a sitemap or llms.txt (`explicit`: out-of-scope entries are
   * reported) or as a link in a page (out-of-scope links are silently ignored).
   */
  considerPage(reference: string, base: string, depth: number, explicit: boolean): void {
    const url = normalizeUrl(reference, base);
    const key = url ?? reference;
    if (this.#seenPages.has(key)) return;
    if (url === null || !this.scope.contains(url)) {
      if (!explicit) return;
      this.#seenPages.add(key);
      this.#outOfScope(key);
      return;
    }
    this.#seenPages.add(url);
    this.#track(this.#visitPage(url, depth), url);
  }

  /** Queues a sitemap named by a sitemap index. */
  considerSitemap(reference: string, base: string, nesting: number): void {
    const url = normalizeUrl(reference, base);
    if (url === null || !this.scope.contains(url)) {
      this.#outOfScope(url ?? reference);
      return;
    }
    if (this.#seenSitemaps.has(url) || nesting > maxSitemapNesting) return;
    this.#seenSitemaps.add(url);
    this.#track(this.#visitSitemap(url, nesting), url);
  }

  /** Queues every location of a parsed sitemap. */
  followSitemap(xml: string, sitemapUrl: string, nesting: number): boolean {
    const sitemap = parseSitemap(xml);
    if (sitemap === null) return false;
    this.#seenSitemaps.add(sitemapUrl);
    for (const location of sitemap.locations) {
      if (sitemap.kind === 'index') this.considerSitemap(location, sitemapUrl, nesting + 1);
      else this.considerPage(location, sitemapUrl, 0, true);
    }
    return true;
  }

  /**
   * Emits a fetched page (unless a redirect led outside the scope, somewhere robots.txt
   * forbids, or to a page already emitted) and queues its links up to the depth limit.
   */
  async acceptPage(resource: FetchedResource, depth: number): Promise<void> {
    const uri = normalizeUrl(resource.finalUrl) ?? resource.requestedUrl;
    if (uri !== resource.requestedUrl) {
      if (!this.scope.contains(uri)) {
        this.channel.push(
          skip(
            resource.requestedUrl,
            'outside-scope',
            `redirected to ${uri}, outside ${this.scope.origin}`,
          ),
        );
        return;
      }
      const verdict = await this.robots.check(uri);
      if (!verdict.allowed) {
        this.channel.push(skip(uri, 'robots', verdict.message));
        return;
      }
      this.#seenPages.add(uri);
    }
    if (this.#emittedUris.has(uri)) return;
    this.#emittedUris.add(uri);
    const page = readWebPage(resource, uri);
    this.channel.push(page.result);
    if (page.result.kind !== 'document' || depth >= this.settings.maxDepth) return;
    for (const link of page.links) this.considerPage(link, uri, depth + 1, false);
  }

  /** Robots verdict plus a polite, limited fetch. */
  async fetchPolitely(
    url: string,
    verdict: RobotsVerdict,
    sitemap: boolean,
  ): Promise<FetchOutcome> {
    const accepts = sitemap ? isPageOrXmlType : isPageType;
    return this.pacer.run(url, verdict.crawlDelayMs, () => this.fetcher.get(url, accepts));
  }

  async #visitPage(url: string, depth: number): Promise<void> {
    const verdict = await this.robots.check(url);
    if (!verdict.allowed) {
      this.channel.push(skip(url, 'robots', verdict.message));
      return;
    }
    if (!this.reservePage()) return;
    const outcome = await this.fetchPolitely(url, verdict, false);
    if (outcome.kind === 'failed') {
      this.channel.push(skip(url, outcome.reason, outcome.message));
      return;
    }
    await this.acceptPage(outcome, depth);
  }

  async #visitSitemap(url: string, nesting: number): Promise<void> {
    const verdict = await this.robots.check(url);
    if (!verdict.allowed) {
      this.channel.push(skip(url, 'robots', verdict.message));
      return;
    }
    const outcome = await this.fetchPolitely(url, verdict, true);
    if (outcome.kind === 'failed') {
      this.channel.push(skip(url, outcome.reason, `sitemap: ${outcome.message}`));
      return;
    }
    const xml = new TextDecoder('utf-8').decode(outcome.body);
    if (!this.followSitemap(xml, url, nesting)) {
      this.channel.push(skip(url, 'unsupported', 'not a sitemap (no <urlset> or <sitemapindex>)'));
    }
  }

  #outOfScope(url: string): void {
    this.channel.push(skip(url, 'outside-scope', `not on ${this.scope.origin}; not fetched`));
  }

  /** Queues a page or sitemap visit of `url`; a URL the guard refuses is skipped, not fatal. */
  #track(task: Promise<void>, url: string): void {
    this.#pendingTasks += 1;
    task
      .catch((error: unknown) => {
        if (this.controller.signal.aborted) return;
        if (isUrlNotAllowed(error)) {
          this.channel.push(skip(url, 'not-allowed', error.message));
          return;
        }
        this.channel.fail(toArchonError(error, ErrorCode.Internal));
      })
      .finally(() => {
        this.#pendingTasks -= 1;
        this.#finishIfIdle();
      });
  }

  #finishIfIdle(): void {
    if (!this.#started || this.#pendingTasks > 0) return;
    if (this.#pagesLeft > 0) {
      const limit = this.settings.pageLimit;
      this.channel.push(
        skip(
          this.scope.origin,
          'page-limit',
          `page limit of ${limit} reached; ${this.#pagesLeft} more URL(s) were not fetched`,
        ),
      );
      this.#pagesLeft = 0;
    }
    this.channel.close();
  }
}

/** The one-line FETCH_FAILED error for a start URL that cannot be read. */
export function startFailure(url: string, message: string): ArchonError {
  return new ArchonError(ErrorCode.FetchFailed, `Cannot fetch ${url}: ${message}`, {
    details: { url },
  });
}
