/**
 * Web ingestion: a page (and its same-site links up to a depth), a sitemap, an llms.txt
 * index or an llms-full.txt file, yielded as LoadResults while the crawl runs. The start
 * URL is the one thing that must work: if it cannot be fetched the crawl throws before
 * yielding; any later page only becomes a skipped result.
 */
import { ArchonError, ErrorCode } from '../../../core/errors.js';
import type { LoadResult } from '../loaded-document.js';
import { type CrawlOptions, resolveCrawlSettings } from './crawl-options.js';
import { CrawlSession, startFailure } from './crawl-session.js';
import { llmsTxtKind } from './llms-txt-reader.js';
import { isUrlNotAllowed, urlNotAllowed } from './network/url-policy.js';
import { isSitemapPath } from './sitemap-reader.js';
import { normalizeUrl } from './url-scope.js';
import { isXmlResource, readWebPage, skip } from './web-document.js';

export type { CrawlOptions } from './crawl-options.js';

/**
 * Crawls from `url`. The mode follows the URL: `…sitemap.xml` (or an XML sitemap body)
 * ingests the listed pages, `llms.txt` ingests itself and the pages it links,
 * `llms-full.txt` is one document, anything else is a page whose same-site links are
 * followed up to `maxDepth`. robots.txt is honoured for every request.
 *
 * @throws ArchonError INVALID_INPUT for a non-http(s) URL or bad options, FETCH_FAILED
 *   when the start URL is unreachable, CANCELLED when `abortSignal` fires.
 */
export async function* crawlUrl(
  url: string,
  options: CrawlOptions = {},
): AsyncIterable<LoadResult> {
  const settings = resolveCrawlSettings(options);
  const startUrl = normalizeUrl(url);
  if (startUrl === null) {
    throw new ArchonError(ErrorCode.InvalidInput, `Not an http(s) URL: ${url}`, {
      details: { url },
    });
  }
  const session = new CrawlSession(settings, startUrl);
  const external = settings.abortSignal;
  const cancel = (): void => {
    session.controller.abort();
    session.channel.fail(cancelled(url));
  };
  if (external?.aborted === true) throw cancelled(url);
  external?.addEventListener('abort', cancel, { once: true });
  try {
    try {
      await startCrawl(session, startUrl);
    } catch (error) {
      if (session.controller.signal.aborted) throw cancelled(url);
      // Name the URL the caller gave, not the robots.txt or redirect hop that was refused.
      if (isUrlNotAllowed(error)) throw urlNotAllowed(startUrl, String(error.details.reason));
      throw error;
    }
    session.markStarted();
    yield* session.channel.drain();
  } finally {
    external?.removeEventListener('abort', cancel);
    session.controller.abort();
  }
}

/** Fetches the start URL and queues what it leads to. */
async function startCrawl(session: CrawlSession, startUrl: string): Promise<void> {
  const verdict = await session.robots.check(startUrl);
  if (verdict.originUnreachable) throw startFailure(startUrl, verdict.message);
  if (!verdict.allowed) {
    session.channel.push(skip(startUrl, 'robots', verdict.message));
    return;
  }
  const sitemapByPath = isSitemapPath(startUrl);
  if (!sitemapByPath) session.reservePage();
  const outcome = await session.fetchPolitely(startUrl, verdict, true);
  if (outcome.kind === 'failed') {
    if (outcome.unreachable) throw startFailure(startUrl, outcome.message);
    session.channel.push(skip(startUrl, outcome.reason, outcome.message));
    return;
  }
  const finalUrl = normalizeUrl(outcome.finalUrl) ?? startUrl;
  session.scope.rebase(finalUrl);
  if (sitemapByPath || isXmlResource(outcome)) {
    const xml = new TextDecoder('utf-8').decode(outcome.body);
    if (session.followSitemap(xml, finalUrl, 0)) {
      if (!sitemapByPath) session.releasePage();
      return;
    }
    const what = sitemapByPath ? 'not a sitemap' : 'XML that is not a sitemap';
    session.channel.push(skip(finalUrl, 'unsupported', `${what} (no <urlset> or <sitemapindex>)`));
    return;
  }
  const llms = llmsTxtKind(finalUrl);
  if (llms === null) {
    await session.acceptPage(outcome, 0);
    return;
  }
  const page = readWebPage(outcome, finalUrl);
  session.markEmitted(finalUrl);
  session.channel.push(page.result);
  if (llms === 'index' && page.result.kind === 'document') {
    for (const link of page.links) session.considerPage(link, finalUrl, 0, true);
  }
}

function cancelled(url: string): ArchonError {
  return new ArchonError(ErrorCode.Cancelled, `Crawl of ${url} cancelled`, { details: { url } });
}
