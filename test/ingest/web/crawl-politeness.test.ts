import { afterEach, describe, expect, it } from 'vitest';

import { crawlUrl } from '../../../src/knowledge/ingest/web/web-crawler.js';
import { skippedOf, urisOf } from './crawl-results.js';
import { collect, htmlPage, type LoopbackSite, startLoopbackSite } from './loopback-site.js';

let site: LoopbackSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

/** A hub page linking to `count` leaf pages, each answering after `delayMs`. */
function hubSite(
  count: number,
  delayMs = 0,
): Record<string, { body: string; delayMs?: number; type?: string }> {
  const links = Array.from(
    { length: count },
    (_, index) => `<a href="/leaf/${index}">Leaf ${index}</a>`,
  );
  const routes: Record<string, { body: string; delayMs?: number; type?: string }> = {
    '/': { body: htmlPage('Hub', links.join(' ')) },
  };
  for (let index = 0; index < count; index += 1) {
    routes[`/leaf/${index}`] = { body: htmlPage(`Leaf ${index}`, `leaf ${index}`), delayMs };
  }
  return routes;
}

describe('crawlUrl politeness', () => {
  it('skips URLs robots.txt disallows for our user agent, fetching robots.txt once', async () => {
    site = await startLoopbackSite({
      ...hubSite(0),
      '/': {
        body: htmlPage(
          'Hub',
          '<a href="/private/x">P</a> <a href="/public">Pub</a> <a href="/other">O</a>',
        ),
      },
      '/public': { body: htmlPage('Public', 'ok') },
      '/other': { body: htmlPage('Other', 'ok') },
      '/robots.txt': {
        type: 'text/plain',
        body: 'User-agent: *\nDisallow: /other\n\nUser-agent: ArchonEngineer\nDisallow: /private/\n',
      },
    });
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
    expect(urisOf(results)).toEqual([site.url('/'), site.url('/other'), site.url('/public')]);
    expect(skippedOf(results)).toEqual([
      {
        location: site.url('/private/x'),
        reason: 'robots',
        message: 'disallowed by robots.txt (line 5)',
      },
    ]);
    expect(site.paths().filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(site.paths()).not.toContain('/private/x');
  });

  it('reports a disallowed start URL as skipped without fetching it', async () => {
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', 'x') },
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /\n' },
    });
    const results = await collect(crawlUrl(site.url('/')));
    expect(results).toEqual([
      {
        kind: 'skipped',
        skipped: {
          location: site.url('/'),
          reason: 'robots',
          message: 'disallowed by robots.txt (line 2)',
        },
      },
    ]);
    expect(site.paths()).toEqual(['/robots.txt']);
  });

  it('treats a 5xx robots.txt as disallowing the whole origin', async () => {
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', 'x') },
      '/robots.txt': { status: 503, type: 'text/plain', body: 'down' },
    });
    const results = await collect(crawlUrl(site.url('/')));
    expect(skippedOf(results)).toEqual([
      {
        location: site.url('/'),
        reason: 'robots',
        message:
          'robots.txt unavailable (HTTP 503 Service Unavailable); origin treated as disallowed',
      },
    ]);
    expect(site.paths()).toEqual(['/robots.txt']);
  });

  it('honours Crawl-delay: one request at a time, spaced by the delay', async () => {
    site = await startLoopbackSite({
      ...hubSite(3),
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nCrawl-delay: 0.2\n' },
    });
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1, concurrency: 4 }));
    expect(urisOf(results)).toHaveLength(4);
    expect(site.maxInFlight).toBe(1);
    const starts = site.requests
      .filter((request) => request.path !== '/robots.txt')
      .map((request) => request.startedAt);
    for (let index = 1; index < starts.length; index += 1) {
      // The crawler spaces request starts by 200 ms; arrival times at the server jitter a
      // little, so only a generous lower bound is asserted.
      expect((starts[index] ?? 0) - (starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(100);
    }
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    site = await startLoopbackSite(hubSite(12, 30));
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1, concurrency: 3 }));
    expect(urisOf(results)).toHaveLength(13);
    expect(site.maxInFlight).toBe(3);
  });

  it('stops at the page limit and says how many URLs were left', async () => {
    site = await startLoopbackSite(hubSite(10));
    const results = await collect(
      crawlUrl(site.url('/'), { maxDepth: 1, pageLimit: 4, concurrency: 2 }),
    );
    expect(urisOf(results)).toHaveLength(4);
    const skipped = skippedOf(results);
    expect(skipped).toEqual([
      {
        location: site.origin,
        reason: 'page-limit',
        message: 'page limit of 4 reached; 7 more URL(s) were not fetched',
      },
    ]);
    expect(results.at(-1)?.kind).toBe('skipped');
    expect(site.paths().filter((path) => path.startsWith('/leaf/'))).toHaveLength(3);
  });

  it('does not count sitemap files against the page limit', async () => {
    site = await startLoopbackSite({
      ...hubSite(3),
      '/sitemap.xml': {
        type: 'application/xml',
        body: '<urlset><url><loc>/leaf/0</loc></url><url><loc>/leaf/1</loc></url></urlset>',
      },
    });
    const results = await collect(crawlUrl(site.url('/sitemap.xml'), { pageLimit: 2 }));
    expect(urisOf(results)).toEqual([site.url('/leaf/0'), site.url('/leaf/1')]);
    expect(skippedOf(results)).toEqual([]);
  });
});

describe('crawlUrl and robots.txt on redirects and sitemaps', () => {
  it('drops a page whose redirect lands on a disallowed path', async () => {
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', '<a href="/moved">moved</a>') },
      '/moved': { status: 301, headers: { location: '/private/page' } },
      '/private/page': { body: htmlPage('Private', 'secret') },
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private\n' },
    });
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
    expect(urisOf(results)).toEqual([site.url('/')]);
    expect(skippedOf(results)).toEqual([
      {
        location: site.url('/private/page'),
        reason: 'robots',
        message: 'disallowed by robots.txt (line 2)',
      },
    ]);
  });

  it('skips nested sitemaps and listed pages that robots.txt disallows', async () => {
    site = await startLoopbackSite({
      '/sitemap.xml': {
        type: 'application/xml',
        body: '<sitemapindex><sitemap><loc>/hidden/sitemap.xml</loc></sitemap><sitemap><loc>/open.xml</loc></sitemap></sitemapindex>',
      },
      '/open.xml': {
        type: 'application/xml',
        body: '<urlset><url><loc>/hidden/page</loc></url><url><loc>/ok</loc></url></urlset>',
      },
      '/ok': { body: htmlPage('OK', 'ok') },
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /hidden/\n' },
    });
    const results = await collect(crawlUrl(site.url('/sitemap.xml')));
    expect(urisOf(results)).toEqual([site.url('/ok')]);
    expect(
      skippedOf(results)
        .map((entry) => [entry.reason, entry.location])
        .sort(),
    ).toEqual([
      ['robots', site.url('/hidden/page')],
      ['robots', site.url('/hidden/sitemap.xml')],
    ]);
  });

  it('reports pages of another, unreachable origin as robots-skipped rather than failing', async () => {
    const port = (await import('./loopback-site.js')).closedPort;
    const deadPort = await port();
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', `<a href="http://127.0.0.1:${deadPort}/x">dead</a>`) },
    });
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1, sameSite: false }));
    expect(urisOf(results)).toEqual([site.url('/')]);
    expect(skippedOf(results)).toEqual([
      {
        location: `http://127.0.0.1:${deadPort}/x`,
        reason: 'robots',
        message: 'robots.txt unavailable (connection refused); origin treated as disallowed',
      },
    ]);
  });
});
