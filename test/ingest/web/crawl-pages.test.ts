import { createHash } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { crawlUrl } from '../../../src/knowledge/ingest/web/web-crawler.js';
import { documentsOf, skippedOf, urisOf } from './crawl-results.js';
import { collect, htmlPage, type LoopbackSite, startLoopbackSite } from './loopback-site.js';

let site: LoopbackSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

describe('crawlUrl on pages', () => {
  it('ingests a single page as Markdown with title, hash and size', async () => {
    const body = htmlPage(
      'Guide',
      '<nav><a href="/other">Other</a></nav><main><h1>Install</h1><p>Run <a href="setup">setup</a>.</p>' +
        '<pre><code class="language-bash">npm ci</code></pre></main>',
    );
    site = await startLoopbackSite({ '/docs/guide': { body } });
    const results = await collect(crawlUrl(site.url('/docs/guide#intro')));
    expect(results).toHaveLength(1);
    const [document] = documentsOf(results);
    expect(document).toEqual({
      uri: site.url('/docs/guide'),
      location: site.url('/docs/guide'),
      title: 'Guide',
      language: 'html',
      format: 'markdown',
      text: `# Install\n\nRun [setup](${site.url('/docs/setup')}).\n\n\`\`\`bash\nnpm ci\n\`\`\``,
      contentHash: createHash('sha256').update(body).digest('hex'),
      bytes: Buffer.byteLength(body),
    });
    expect(site.paths()).toEqual(['/robots.txt', '/docs/guide']);
    expect(site.requests[1]?.userAgent).toBe('ArchonEngineer/0.1 (+knowledge-base ingest)');
  });

  it('accepts Markdown and plain text as they are, titled by heading or URL path', async () => {
    site = await startLoopbackSite({
      '/readme.md': { type: 'text/markdown', body: 'intro\n\n## Usage\n\nText' },
      '/notes/todo%20list.txt': { type: 'text/plain; charset=utf-8', body: 'buy milk' },
      '/raw.md': { type: 'text/plain', body: '# Raw markdown' },
    });
    const [markdown] = documentsOf(await collect(crawlUrl(site.url('/readme.md'))));
    expect(markdown).toMatchObject({ language: 'markdown', format: 'markdown', title: 'Usage' });
    expect(markdown?.text).toBe('intro\n\n## Usage\n\nText');
    const [text] = documentsOf(await collect(crawlUrl(site.url('/notes/todo%20list.txt'))));
    expect(text).toMatchObject({
      language: 'text',
      format: 'text',
      title: 'todo list.txt',
      text: 'buy milk',
    });
    const [raw] = documentsOf(await collect(crawlUrl(site.url('/raw.md'))));
    expect(raw).toMatchObject({ language: 'markdown', title: 'Raw markdown' });
  });

  it('follows same-site links up to maxDepth, once per page despite cycles', async () => {
    site = await startLoopbackSite({
      '/': {
        body: htmlPage('Home', '<a href="/a">A</a> <a href="/b#top">B</a> <a href="/">Self</a>'),
      },
      '/a': {
        body: htmlPage('A', '<a href="/b">B</a> <a href="/">Home</a> <a href="/a/deep">Deep</a>'),
      },
      '/b': {
        body: htmlPage('B', '<a href="/a">A</a> <a href="http://example.invalid/x">Away</a>'),
      },
      '/a/deep': { body: htmlPage('Deep', '<a href="/a/deeper">Deeper</a>') },
      '/a/deeper': { body: htmlPage('Deeper', 'end') },
    });
    const depthOne = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
    expect(urisOf(depthOne)).toEqual([site.url('/'), site.url('/a'), site.url('/b')]);
    expect(skippedOf(depthOne)).toEqual([]);
    const all = await collect(crawlUrl(site.url('/'), { maxDepth: 10 }));
    expect(urisOf(all)).toEqual(
      ['/', '/a', '/a/deep', '/a/deeper', '/b'].map((path) => site?.url(path)),
    );
    const pageRequests = site.paths().filter((path) => path !== '/robots.txt');
    expect(pageRequests.filter((path) => path === '/a')).toHaveLength(2);
    const onlyStart = await collect(crawlUrl(site.url('/')));
    expect(urisOf(onlyStart)).toEqual([site.url('/')]);
  });

  it('follows links to other origins only when sameSite is false', async () => {
    const other = await startLoopbackSite({ '/there': { body: htmlPage('There', 'x') } });
    try {
      site = await startLoopbackSite({
        '/': {
          body: htmlPage(
            'Home',
            `<a href="${other.url('/there')}">There</a> <a href="mailto:a@b.c">Mail</a>`,
          ),
        },
      });
      const scoped = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
      expect(urisOf(scoped)).toEqual([site.url('/')]);
      expect(other.paths()).toEqual([]);
      const open = await collect(crawlUrl(site.url('/'), { maxDepth: 1, sameSite: false }));
      expect(urisOf(open)).toEqual([site.url('/'), other.url('/there')].sort());
    } finally {
      await other.close();
    }
  });

  it('does not follow links of a page marked nofollow', async () => {
    site = await startLoopbackSite({
      '/': {
        body: '<html><head><meta name="robots" content="noindex, nofollow"></head><body><a href="/a">A</a></body></html>',
      },
      '/a': { body: htmlPage('A', 'a') },
    });
    expect(urisOf(await collect(crawlUrl(site.url('/'), { maxDepth: 2 })))).toEqual([
      site.url('/'),
    ]);
  });

  it('follows redirects and files the document under the final URL, once', async () => {
    site = await startLoopbackSite({
      '/old': { status: 301, headers: { location: '/new' } },
      '/new': { body: htmlPage('New', '<a href="/old">again</a> <a href="/new">self</a>') },
    });
    const results = await collect(crawlUrl(site.url('/old'), { maxDepth: 2 }));
    expect(results).toHaveLength(1);
    expect(documentsOf(results)[0]).toMatchObject({
      uri: site.url('/new'),
      location: site.url('/new'),
    });
  });

  it('reports a redirect that leaves the site as outside-scope', async () => {
    const other = await startLoopbackSite({ '/landing': { body: htmlPage('Landing', 'x') } });
    try {
      site = await startLoopbackSite({
        '/': { body: htmlPage('Home', '<a href="/go">go</a>') },
        '/go': { status: 302, headers: { location: other.url('/landing') } },
      });
      const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
      expect(urisOf(results)).toEqual([site.url('/')]);
      expect(skippedOf(results)).toEqual([
        {
          location: site.url('/go'),
          reason: 'outside-scope',
          message: `redirected to ${other.url('/landing')}, outside ${site.origin}`,
        },
      ]);
    } finally {
      await other.close();
    }
  });

  it('rebases the scope when the start URL itself redirects to another origin', async () => {
    const target = await startLoopbackSite({
      '/home': { body: htmlPage('Home', '<a href="/next">next</a>') },
      '/next': { body: htmlPage('Next', 'n') },
    });
    try {
      site = await startLoopbackSite({
        '/': { status: 308, headers: { location: target.url('/home') } },
      });
      const results = await collect(crawlUrl(site.url('/'), { maxDepth: 1 }));
      expect(urisOf(results)).toEqual([target.url('/home'), target.url('/next')]);
    } finally {
      await target.close();
    }
  });

  it('follows links from Markdown pages too, and decodes declared charsets', async () => {
    site = await startLoopbackSite({
      '/index.md': { type: 'text/markdown', body: '# Index\n\n[Latin](/latin) ![img](/img.png)' },
      '/latin': {
        type: 'text/html; charset=iso-8859-1',
        body: Buffer.from(htmlPage('Caf\u00e9', '<p>na\u00efve</p>'), 'latin1'),
      },
    });
    const results = await collect(crawlUrl(site.url('/index.md'), { maxDepth: 1 }));
    const latin = documentsOf(results).find((document) => document.uri === site?.url('/latin'));
    expect(latin).toMatchObject({ title: 'Caf\u00e9', text: 'na\u00efve' });
    expect(site.paths()).not.toContain('/img.png');
  });
});
