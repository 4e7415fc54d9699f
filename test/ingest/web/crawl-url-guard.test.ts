/**
 * The crawler under the SSRF guard against a real site on loopback: a refused start
 * URL fails the crawl with URL_NOT_ALLOWED naming the URL given, while a later page
 * whose redirect leads to a refused address is only skipped (`not-allowed`), so one
 * bad link never costs the rest of the site.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../src/core/errors.js';
import type { LoadResult } from '../../../src/knowledge/ingest/loaded-document.js';
import { createGuardedFetch } from '../../../src/knowledge/ingest/web/network/guarded-fetch.js';
import { crawlUrl } from '../../../src/knowledge/ingest/web/web-crawler.js';
import { skippedOf, urisOf } from './crawl-results.js';

describe('crawlUrl behind the guarded fetch', () => {
  let site: Server;
  let origin: string;

  beforeAll(async () => {
    site = createServer((request, response) => {
      if (request.url === '/robots.txt') return void response.writeHead(404).end();
      if (request.url === '/metadata')
        return void response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        '<html><body><h1>Index</h1><p>Start here.</p><a href="/metadata">meta</a><a href="/next">next</a></body></html>',
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });

  async function crawl(url: string, allowPrivateNetworks: boolean): Promise<LoadResult[]> {
    const results: LoadResult[] = [];
    const fetch = createGuardedFetch({ policy: { allowPrivateNetworks } });
    for await (const result of crawlUrl(url, { fetch, maxDepth: 1 })) results.push(result);
    return results;
  }

  it('fails on a refused start URL with URL_NOT_ALLOWED', async () => {
    await expect(crawl(`${origin}/`, false)).rejects.toMatchObject({
      code: ErrorCode.UrlNotAllowed,
      message: `URL not allowed: ${origin}/: 127.0.0.1 is a loopback address (set ingest.allowPrivateNetworks to allow it)`,
    });
  });

  it('skips a linked page that redirects to a refused address and keeps the rest', async () => {
    const results = await crawl(`${origin}/`, true);
    expect(urisOf(results)).toEqual([`${origin}/`, `${origin}/next`]);
    expect(skippedOf(results)).toEqual([
      {
        location: `${origin}/metadata`,
        reason: 'not-allowed',
        message: `URL not allowed: http://169.254.169.254/: 169.254.169.254 is a link-local address`,
      },
    ]);
  });
});
