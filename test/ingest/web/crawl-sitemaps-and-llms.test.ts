import { afterEach, describe, expect, it } from 'vitest';

import { crawlUrl } from '../../../src/knowledge/ingest/web/web-crawler.js';
import { documentsOf, skippedOf, urisOf } from './crawl-results.js';
import { collect, htmlPage, type LoopbackSite, startLoopbackSite } from './loopback-site.js';

let site: LoopbackSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

const xml = 'application/xml';
const urlset = (locations: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locations
    .map((location) => `<url><loc>${location}</loc><lastmod>2024-01-01</lastmod></url>`)
    .join('')}</urlset>`;
const sitemapIndex = (locations: string[]): string =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locations
    .map((location) => `<sitemap><loc>${location}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

describe('crawlUrl on sitemaps', () => {
  it('ingests the pages a sitemap lists and reports entries of other sites', async () => {
    site = await startLoopbackSite({
      '/sitemap.xml': (request, response) => {
        const origin = `http://${request.headers.host ?? ''}`;
        const body = urlset([
          `${origin}/a`,
          'b',
          'https://elsewhere.example/c',
          'ftp://files.example/d',
          '/a',
          'https://elsewhere.example/c',
        ]);
        response.setHeader('content-type', xml);
        response.end(body);
      },
      '/a': { body: htmlPage('A', '<a href="/linked">not followed at depth 0</a>') },
      '/b': { body: htmlPage('B', 'b') },
    });
    const results = await collect(crawlUrl(site.url('/sitemap.xml')));
    expect(urisOf(results)).toEqual([site.url('/a'), site.url('/b')]);
    expect(skippedOf(results)).toEqual([
      {
        location: 'https://elsewhere.example/c',
        reason: 'outside-scope',
        message: `not on ${site.origin}; not fetched`,
      },
      {
        location: 'ftp://files.example/d',
        reason: 'outside-scope',
        message: `not on ${site.origin}; not fetched`,
      },
    ]);
    expect(site.paths()).not.toContain('/linked');
    expect(site.paths().filter((path) => path === '/a')).toHaveLength(1);
  });

  it('reads sitemap indexes, nested, and dedupes pages listed twice', async () => {
    site = await startLoopbackSite({
      '/sitemap_index.xml': {
        type: xml,
        body: sitemapIndex(['/sitemaps/one.xml', '/sitemaps/nested.xml', '/sitemaps/missing.xml']),
      },
      '/sitemaps/one.xml': { type: 'text/xml', body: urlset(['/p1', '/p2']) },
      '/sitemaps/nested.xml': {
        type: xml,
        body: sitemapIndex([
          '/sitemaps/two.xml',
          '/sitemaps/one.xml',
          '/sitemaps/not-a-sitemap.xml',
        ]),
      },
      '/sitemaps/two.xml': { type: xml, body: urlset(['/p2', '/p3']) },
      '/sitemaps/not-a-sitemap.xml': { type: xml, body: '<rss><channel/></rss>' },
      '/p1': { body: htmlPage('P1', '1') },
      '/p2': { body: htmlPage('P2', '2') },
      '/p3': { body: htmlPage('P3', '3') },
    });
    const results = await collect(crawlUrl(site.url('/sitemap_index.xml')));
    expect(urisOf(results)).toEqual([site.url('/p1'), site.url('/p2'), site.url('/p3')]);
    expect(
      skippedOf(results).sort((left, right) => left.location.localeCompare(right.location)),
    ).toEqual([
      {
        location: site.url('/sitemaps/missing.xml'),
        reason: 'fetch-failed',
        message: 'sitemap: HTTP 404 Not Found',
      },
      {
        location: site.url('/sitemaps/not-a-sitemap.xml'),
        reason: 'unsupported',
        message: 'not a sitemap (no <urlset> or <sitemapindex>)',
      },
    ]);
    expect(site.paths().filter((path) => path === '/sitemaps/one.xml')).toHaveLength(1);
    expect(site.paths().filter((path) => path === '/p2')).toHaveLength(1);
  });

  it('detects a sitemap by its XML body when the path does not say so', async () => {
    site = await startLoopbackSite({
      '/pages': { type: xml, body: urlset(['/only']) },
      '/feed': { type: xml, body: '<feed/>' },
      '/only': { body: htmlPage('Only', 'x') },
    });
    expect(urisOf(await collect(crawlUrl(site.url('/pages'))))).toEqual([site.url('/only')]);
    expect(skippedOf(await collect(crawlUrl(site.url('/feed'))))).toEqual([
      {
        location: site.url('/feed'),
        reason: 'unsupported',
        message: 'XML that is not a sitemap (no <urlset> or <sitemapindex>)',
      },
    ]);
  });

  it('reports a sitemap path that does not hold a sitemap', async () => {
    site = await startLoopbackSite({ '/sitemap.xml': { body: htmlPage('Oops', 'html') } });
    expect(skippedOf(await collect(crawlUrl(site.url('/sitemap.xml'))))).toEqual([
      {
        location: site.url('/sitemap.xml'),
        reason: 'unsupported',
        message: 'not a sitemap (no <urlset> or <sitemapindex>)',
      },
    ]);
  });
});

describe('crawlUrl on llms.txt', () => {
  const llmsTxt = (origin: string): string =>
    [
      '# Project',
      '',
      '> Summary of the project.',
      '',
      '## Docs',
      '',
      '- [Quick start](/docs/quick-start.md): how to begin',
      `- [API](${origin}/docs/api.html)`,
      '- [Elsewhere](https://other.example/page): not ours',
      '',
      '## Optional',
      '',
      '- [Missing](/docs/missing.md)',
      '- [This file](/llms.txt)',
    ].join('\n');

  it('ingests llms.txt itself and the same-site pages it links', async () => {
    site = await startLoopbackSite({
      '/llms.txt': (request, response) => {
        response.setHeader('content-type', 'text/plain; charset=utf-8');
        response.end(llmsTxt(`http://${request.headers.host ?? ''}`));
      },
      '/docs/quick-start.md': {
        type: 'text/markdown',
        body: '# Quick start\n\nSteps [more](/docs/more)',
      },
      '/docs/api.html': { body: htmlPage('API', '<h1>API</h1>') },
      '/docs/more': { body: htmlPage('More', 'more') },
    });
    const results = await collect(crawlUrl(site.url('/llms.txt')));
    const documents = documentsOf(results);
    expect(documents.map((document) => document.uri).sort()).toEqual(
      [site.url('/docs/api.html'), site.url('/docs/quick-start.md'), site.url('/llms.txt')].sort(),
    );
    expect(documents.find((document) => document.uri === site?.url('/llms.txt'))).toMatchObject({
      language: 'markdown',
      format: 'markdown',
      title: 'Project',
    });
    const skipped = skippedOf(results).sort((left, right) =>
      left.reason.localeCompare(right.reason),
    );
    expect(skipped.map((entry) => [entry.reason, entry.location])).toEqual([
      ['fetch-failed', site.url('/docs/missing.md')],
      ['outside-scope', 'https://other.example/page'],
    ]);
    expect(site.paths()).not.toContain('/docs/more');
    expect(site.paths().filter((path) => path === '/llms.txt')).toHaveLength(1);
  });

  it('ingests llms-full.txt as one Markdown document without following links', async () => {
    const full = '# Everything\n\nAll docs in one file. [link](/docs/x)\n';
    site = await startLoopbackSite({ '/llms-full.txt': { type: 'text/plain', body: full } });
    const results = await collect(crawlUrl(site.url('/llms-full.txt'), { maxDepth: 3 }));
    expect(results).toHaveLength(1);
    expect(documentsOf(results)[0]).toMatchObject({
      title: 'Everything',
      text: full,
      language: 'markdown',
    });
    expect(site.paths()).toEqual(['/robots.txt', '/llms-full.txt']);
  });
});
