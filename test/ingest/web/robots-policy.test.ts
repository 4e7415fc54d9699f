import { afterEach, describe, expect, it } from 'vitest';

import { HttpFetcher } from '../../../src/knowledge/ingest/web/http-fetcher.js';
import { maxCrawlDelayMs, RobotsPolicy } from '../../../src/knowledge/ingest/web/robots-policy.js';
import { closedPort, type LoopbackSite, startLoopbackSite } from './loopback-site.js';

const userAgent = 'ArchonEngineer/0.1 (+knowledge-base ingest)';
let site: LoopbackSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

function policy(limits: { timeoutMs?: number; maxBytes?: number } = {}): RobotsPolicy {
  const fetcher = new HttpFetcher({
    fetch: globalThis.fetch,
    userAgent,
    timeoutMs: limits.timeoutMs ?? 2_000,
    maxBytes: limits.maxBytes ?? 100_000,
    signal: new AbortController().signal,
  });
  return new RobotsPolicy(fetcher, userAgent);
}

describe('RobotsPolicy', () => {
  it('matches our user-agent group, caps Crawl-delay, and fetches robots.txt once', async () => {
    site = await startLoopbackSite({
      '/robots.txt': {
        type: 'text/plain',
        body: 'User-agent: *\nDisallow: /\n\nUser-agent: archonengineer\nAllow: /\nDisallow: /admin\nCrawl-delay: 60\n',
      },
    });
    const robots = policy();
    const [open, admin] = await Promise.all([
      robots.check(site.url('/docs')),
      robots.check(site.url('/admin/x')),
    ]);
    expect(open).toEqual({
      allowed: true,
      message: '',
      crawlDelayMs: maxCrawlDelayMs,
      originUnreachable: false,
    });
    expect(admin).toMatchObject({ allowed: false, message: 'disallowed by robots.txt (line 6)' });
    expect(site.paths()).toEqual(['/robots.txt']);
  });

  it('allows everything when robots.txt is missing or is an HTML catch-all page', async () => {
    site = await startLoopbackSite({});
    expect(await policy().check(site.url('/x'))).toMatchObject({ allowed: true, crawlDelayMs: 0 });
    await site.close();
    site = await startLoopbackSite({
      '/robots.txt': { body: '<html><body>Welcome</body></html>' },
    });
    expect(await policy().check(site.url('/x'))).toMatchObject({ allowed: true });
  });

  it('treats an unreadable robots.txt as disallowing the origin', async () => {
    site = await startLoopbackSite({
      '/robots.txt': {
        type: 'text/plain',
        body: `User-agent: *\n${'Disallow: /nothing\n'.repeat(100)}`,
      },
    });
    expect(await policy({ maxBytes: 100 }).check(site.url('/x'))).toEqual({
      allowed: false,
      message:
        'robots.txt unavailable (body larger than the 100-byte limit (Content-Length 1914)); origin treated as disallowed',
      crawlDelayMs: 0,
      originUnreachable: false,
    });
  });

  it('marks the origin unreachable on network failure or timeout', async () => {
    const port = await closedPort();
    expect(await policy().check(`http://127.0.0.1:${port}/x`)).toMatchObject({
      allowed: false,
      originUnreachable: true,
      message: 'robots.txt unavailable (connection refused); origin treated as disallowed',
    });
    site = await startLoopbackSite({
      '/robots.txt': { type: 'text/plain', body: '', delayMs: 1_000 },
    });
    expect(await policy({ timeoutMs: 50 }).check(site.url('/x'))).toMatchObject({
      allowed: false,
      originUnreachable: true,
    });
  });
});
