import { afterEach, describe, expect, it } from 'vitest';

import { ArchonError } from '../../../src/core/errors.js';
import { crawlUrl } from '../../../src/knowledge/ingest/web/web-crawler.js';
import { skippedOf, urisOf } from './crawl-results.js';
import {
  closedPort,
  collect,
  htmlPage,
  type LoopbackSite,
  startLoopbackSite,
} from './loopback-site.js';

let site: LoopbackSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function caught(promise: Promise<unknown>): Promise<ArchonError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!ArchonError.isInstance(error))
    throw new Error(`expected an ArchonError, got ${String(error)}`);
  return error;
}

describe('crawlUrl failures', () => {
  it('skips bad pages with a clear reason and keeps crawling', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    site = await startLoopbackSite({
      '/': {
        body: htmlPage(
          'Hub',
          ['missing', 'broken', 'slow', 'huge', 'streamed', 'image', 'untyped-binary', 'fine']
            .map((path) => `<a href="/${path}">${path}</a>`)
            .join(' '),
        ),
      },
      '/broken': { status: 500, type: 'text/plain', body: 'boom' },
      '/slow': { body: htmlPage('Slow', 'slow'), delayMs: 6_000 },
      '/huge': { body: 'x'.repeat(5_000) },
      '/streamed': (_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.write('y'.repeat(3_000));
        response.end('y'.repeat(3_000));
      },
      '/image': { type: 'image/png', body: png },
      '/untyped-binary': { type: null, body: png },
      '/fine': { body: htmlPage('Fine', 'ok') },
    });
    const results = await collect(
      crawlUrl(site.url('/'), { maxDepth: 1, timeoutMs: 1_500, maxBytes: 4_000 }),
    );
    expect(urisOf(results)).toEqual([site.url('/'), site.url('/fine')]);
    const skipped = skippedOf(results).sort((left, right) =>
      left.location.localeCompare(right.location),
    );
    expect(skipped).toEqual([
      {
        location: site.url('/broken'),
        reason: 'fetch-failed',
        message: 'HTTP 500 Internal Server Error',
      },
      {
        location: site.url('/huge'),
        reason: 'too-large',
        message: 'body larger than the 4000-byte limit (Content-Length 5000)',
      },
      {
        location: site.url('/image'),
        reason: 'unsupported',
        message: 'content type image/png is not readable text',
      },
      { location: site.url('/missing'), reason: 'fetch-failed', message: 'HTTP 404 Not Found' },
      { location: site.url('/slow'), reason: 'fetch-failed', message: 'timed out after 1500 ms' },
      {
        location: site.url('/streamed'),
        reason: 'too-large',
        message: 'body larger than the 4000-byte limit',
      },
      {
        location: site.url('/untyped-binary'),
        reason: 'unsupported',
        message: 'binary content is not a readable page',
      },
    ]);
  });

  it('times out a body that stalls after the headers', async () => {
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', '<a href="/stall">s</a>') },
      '/stall': { stall: true },
    });
    const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1, timeoutMs: 1_500 }));
    expect(skippedOf(results)).toEqual([
      { location: site.url('/stall'), reason: 'fetch-failed', message: 'timed out after 1500 ms' },
    ]);
  });

  it('throws FETCH_FAILED before yielding when the start URL is unreachable', async () => {
    const port = await closedPort();
    const refused = await caught(collect(crawlUrl(`http://127.0.0.1:${port}/docs`)));
    expect(refused.code).toBe('FETCH_FAILED');
    expect(refused.message).toBe(
      `Cannot fetch http://127.0.0.1:${port}/docs: robots.txt unavailable (connection refused); origin treated as disallowed`,
    );
    expect(refused.message).not.toContain('\n');

    site = await startLoopbackSite({
      '/gone': { status: 410, type: 'text/plain' },
      '/error': { status: 502 },
    });
    const gone = await caught(collect(crawlUrl(site.url('/gone'))));
    expect(gone.toJSON()).toEqual({
      code: 'FETCH_FAILED',
      message: `Cannot fetch ${site.url('/gone')}: HTTP 410 Gone`,
      details: { url: site.url('/gone') },
    });
    expect((await caught(collect(crawlUrl(site.url('/error'))))).message).toContain('HTTP 502');
  });

  it('throws FETCH_FAILED when the start URL times out, and skips an unreadable start', async () => {
    site = await startLoopbackSite({
      '/slow': { body: 'late', delayMs: 6_000 },
      '/image.png': { type: 'image/png', body: 'png' },
    });
    const slow = await caught(collect(crawlUrl(site.url('/slow'), { timeoutMs: 1_500 })));
    expect(slow.message).toBe(`Cannot fetch ${site.url('/slow')}: timed out after 1500 ms`);
    expect(skippedOf(await collect(crawlUrl(site.url('/image.png'))))).toEqual([
      {
        location: site.url('/image.png'),
        reason: 'unsupported',
        message: 'content type image/png is not readable text',
      },
    ]);
  });

  it('rejects URLs that are not http(s) and nonsensical options with INVALID_INPUT', async () => {
    expect((await caught(collect(crawlUrl('file:///etc/passwd')))).message).toBe(
      'Not an http(s) URL: file:///etc/passwd',
    );
    expect((await caught(collect(crawlUrl('not a url')))).code).toBe('INVALID_INPUT');
    const badLimit = await caught(collect(crawlUrl('http://127.0.0.1/', { pageLimit: 0 })));
    expect(badLimit.message).toBe('pageLimit must be an integer >= 1, got 0');
    expect((await caught(collect(crawlUrl('http://127.0.0.1/', { concurrency: 1.5 })))).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (await caught(collect(crawlUrl('http://127.0.0.1/', { userAgent: 'a\nb' })))).message,
    ).toBe('userAgent must be a non-empty single line');
  });

  it('throws CANCELLED when aborted, before or during the crawl', async () => {
    site = await startLoopbackSite({
      '/': { body: htmlPage('Hub', '<a href="/slow">slow</a>') },
      '/slow': { body: htmlPage('Slow', 's'), delayMs: 5_000 },
    });
    const already = AbortSignal.abort();
    expect((await caught(collect(crawlUrl(site.url('/'), { abortSignal: already })))).code).toBe(
      'CANCELLED',
    );

    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const result of crawlUrl(site.url('/'), {
        maxDepth: 1,
        abortSignal: controller.signal,
      })) {
        seen.push(result.kind);
        controller.abort();
      }
    })();
    const error = await caught(run);
    expect(error.toJSON()).toMatchObject({
      code: 'CANCELLED',
      message: `Crawl of ${site.url('/')} cancelled`,
    });
    expect(seen).toEqual(['document']);
  });

  it('throws CANCELLED when aborted while the start URL is loading', async () => {
    site = await startLoopbackSite({ '/': { body: htmlPage('Slow', 's'), delayMs: 5_000 } });
    const controller = new AbortController();
    const pending = caught(collect(crawlUrl(site.url('/'), { abortSignal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('CANCELLED');
  });

  it('stops fetching when the reader stops early', async () => {
    const links = Array.from({ length: 20 }, (_, index) => `<a href="/p${index}">p</a>`).join(' ');
    const routes: Record<string, { body: string; delayMs?: number }> = {
      '/': { body: htmlPage('Hub', links) },
    };
    for (let index = 0; index < 20; index += 1)
      routes[`/p${index}`] = { body: htmlPage('P', 'p'), delayMs: 50 };
    site = await startLoopbackSite(routes);
    for await (const result of crawlUrl(site.url('/'), { maxDepth: 1, concurrency: 1 })) {
      expect(result.kind).toBe('document');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const afterStop = site.paths().length;
    // robots.txt, the hub, and at most the one page that was in flight when reading stopped.
    expect(afterStop).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(site.paths()).toHaveLength(afterStop);
  });

  it('uses the injected fetch and reports its failures per page', async () => {
    let calls = 0;
    const fakeFetch: typeof fetch = async (input) => {
      calls += 1;
      const url = String(input);
      if (url.endsWith('/robots.txt')) return new Response('', { status: 404 });
      if (url.endsWith('/flaky'))
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      if (url.endsWith('/odd')) throw new TypeError('socket hang up\nmore detail');
      if (url.endsWith('/weird'))
        throw new TypeError('fetch failed', { cause: { code: 'EWEIRD' } });
      return new Response('<a href="/flaky">f</a><a href="/odd">o</a><a href="/weird">w</a>', {
        headers: { 'content-type': 'text/html' },
      });
    };
    const results = await collect(crawlUrl('http://docs.test/', { fetch: fakeFetch, maxDepth: 1 }));
    expect(urisOf(results)).toEqual(['http://docs.test/']);
    expect(skippedOf(results).map((entry) => entry.message)).toEqual([
      'connection reset',
      'socket hang up',
      'network error (EWEIRD)',
    ]);
    expect(calls).toBe(5);
  });
});
