import { describe, expect, it } from 'vitest';

import { convertHtmlPage, htmlToMarkdown } from './html-to-markdown.js';

const page = (body: string, head = ''): string =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('htmlToMarkdown', () => {
  it('keeps ATX headings, paragraphs, emphasis and strikethrough', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<h1>Top</h1><h2>Second</h2><h3>Third</h3><p>Some <strong>bold</strong>, <em>em</em> and <del>gone</del>.</p>',
      ),
    );
    expect(markdown).toBe('# Top\n\n## Second\n\n### Third\n\nSome **bold**, _em_ and ~gone~.');
  });

  it('takes the title from <title>, else the first <h1>, else null', () => {
    expect(htmlToMarkdown(page('<h1>Heading</h1>', '<title>  The \n Title </title>')).title).toBe(
      'The Title',
    );
    expect(htmlToMarkdown(page('<p>x</p><h1>First <em>one</em></h1><h1>Second</h1>')).title).toBe(
      'First one',
    );
    expect(htmlToMarkdown(page('<p>no heading</p>')).title).toBeNull();
  });

  it('converts nested, ordered and task lists', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>' +
          '<ol start="3"><li>three</li><li>four</li></ol>' +
          '<ul><li><input type="checkbox" checked> done</li><li><input type="checkbox"> todo</li></ul>',
      ),
    );
    expect(markdown).toContain('- one\n- two\n  - nested');
    expect(markdown).toContain('3. three\n4. four');
    expect(markdown).toContain('- [x]  done\n- [ ]  todo');
  });

  it('indents paragraphs and code blocks inside list items', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<ol><li><p>para</p><pre><code class="language-sh">a\n\nb</code></pre></li><li>next</li></ol>',
      ),
    );
    expect(markdown).toBe('1. para\n\n   ```sh\n   a\n\n   b\n   ```\n\n2. next');
  });

  it('fences code blocks with the language from language-x or lang-x classes', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<pre><code class="hljs language-TypeScript">const a = 1;\n\n\nconst b = 2;\n</code></pre>' +
          '<pre class="lang-py">print(1)</pre>' +
          '<pre><code>plain &lt;tag&gt; *not emphasis*</code></pre>' +
          '<div class="highlight highlight-source-rust"><pre>fn main() {}</pre></div>',
      ),
    );
    expect(markdown).toContain('```typescript\nconst a = 1;\n\n\nconst b = 2;\n```');
    expect(markdown).toContain('```py\nprint(1)\n```');
    expect(markdown).toContain('```\nplain <tag> *not emphasis*\n```');
    expect(markdown).toContain('fn main() {}');
  });

  it('makes the fence longer than any backtick run inside the code', () => {
    const { markdown } = htmlToMarkdown(page('<pre><code>```js\nx\n```</code></pre>'));
    expect(markdown).toBe('````\n```js\nx\n```\n````');
  });

  it('turns tables into pipe tables, header-less ones included', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<table><thead><tr><th>Name</th><th>Value</th></tr></thead>' +
          '<tbody><tr><td>a|b</td><td><p>x</p><p>y</p></td></tr><tr><td></td><td>z</td></tr></tbody></table>' +
          '<table><caption>Plain rows</caption><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>',
      ),
    );
    expect(markdown).toContain('| Name | Value |\n| --- | --- |\n| a\\|b | x y |\n|  | z |');
    expect(markdown).toContain('Plain rows\n\n| 1 | 2 |\n| --- | --- |\n| 3 | 4 |');
  });

  it('skips blank leading rows when choosing the header and drops empty tables', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<table><tr><td> </td></tr><tr><td>h</td></tr><tr><td>v</td></tr></table><table></table><p>end</p>',
      ),
    );
    expect(markdown).toContain('| h |\n| --- |\n| v |');
    expect(markdown.endsWith('end')).toBe(true);
  });

  it('drops scripts, styles, navigation, page header and footer, asides, forms and svg', () => {
    const { markdown } = htmlToMarkdown(
      page(
        '<header>Site banner</header><nav><a href="/">Home</a></nav>' +
          '<div role="navigation">Crumbs</div><aside>Related</aside>' +
          '<p>Body text</p><script>alert("x")</script><style>p{color:red}</style>' +
          '<noscript>Enable JS</noscript><svg><text>logo</text></svg>' +
          '<form><input type="text" value="q"><button>Search</button></form>' +
          '<div hidden>Hidden</div><footer>Copyright</footer>',
      ),
    );
    expect(markdown).toBe('Body text');
  });

  it('prefers <main>, then a sole <article>, keeping the article header', () => {
    const withMain = htmlToMarkdown(page('<div>Sidebar junk</div><main><p>Main text</p></main>'));
    expect(withMain.markdown).toBe('Main text');
    const withArticle = htmlToMarkdown(
      page(
        '<div>Promo</div><article><header><h1>Post</h1></header><p>Story</p><footer>Tags</footer></article>',
      ),
    );
    expect(withArticle.markdown).toBe('# Post\n\nStory\n\nTags');
    const twoArticles = htmlToMarkdown(page('<article>One</article><article>Two</article>'));
    expect(twoArticles.markdown).toBe('One\n\nTwo');
  });

  it('resolves relative links and images against the base URL and <base href>', () => {
    const body =
      '<p><a href="../other.html#part">Other</a> <a href="/root">Root</a> <a href="https://x.org/">Abs</a> ' +
      '<a href="javascript:void(0)">Script</a> <img src="img/pic.png" alt="Pic" title="A &quot;pic&quot;"></p>';
    const { markdown } = htmlToMarkdown(page(body), 'https://example.com/docs/guide/page.html');
    expect(markdown).toBe(
      '[Other](https://example.com/docs/other.html#part) [Root](https://example.com/root) ' +
        '[Abs](https://x.org/) Script ![Pic](https://example.com/docs/guide/img/pic.png "A \\"pic\\"")',
    );
    const withBase = htmlToMarkdown(
      page('<a href="page">P</a>', '<base href="/v2/">'),
      'https://example.com/docs/',
    );
    expect(withBase.markdown).toBe('[P](https://example.com/v2/page)');
  });

  it('leaves relative links alone without a base and survives unusable bases', () => {
    expect(htmlToMarkdown(page('<a href="a/b">AB</a>')).markdown).toBe('[AB](a/b)');
    expect(
      htmlToMarkdown(page('<a href="a/b">AB</a>', '<base href="">'), 'not a url').markdown,
    ).toBe('[AB](a/b)');
    expect(
      htmlToMarkdown(page('<a href="http://[bad">X</a>', '<base href="http://[">')).markdown,
    ).toBe('[X](http://[bad)');
  });

  it('keeps the alt text of inline data: images instead of their payload', () => {
    const { markdown } = htmlToMarkdown(
      page('<p><img src="data:image/png;base64,AAAA" alt="Diagram"> <img src="x.png"></p>'),
      'https://example.com/',
    );
    expect(markdown).toBe('Diagram ![](https://example.com/x.png)');
  });

  it('is robust on malformed HTML', () => {
    const { markdown } = htmlToMarkdown('<p>unclosed <b>bold <i>it</p><div><table><tr><td>x');
    expect(markdown).toBe('unclosed **bold _it_**\n\n| x |\n| --- |');
  });

  it('never throws on garbage input', () => {
    expect(htmlToMarkdown('')).toEqual({ markdown: '', title: null });
    expect(htmlToMarkdown('   \n')).toEqual({ markdown: '', title: null });
    expect(htmlToMarkdown(undefined as unknown as string)).toEqual({ markdown: '', title: null });
    expect(htmlToMarkdown('\u0000<<<>>></div></p><scr ipt><!--').markdown).toContain('<<<>>>');
    const random = Array.from({ length: 2000 }, (_, index) =>
      String.fromCharCode((index * 7919) % 0x3000),
    ).join('');
    expect(() => htmlToMarkdown(random, 'https://example.com/')).not.toThrow();
  });
});

describe('convertHtmlPage', () => {
  it('returns every link of the page, navigation included, resolved and without fragments-only', () => {
    const page = convertHtmlPage(
      page_(
        '<nav><a href="/a">A</a></nav><main><a href="b?x=1#y">B</a> <a href="#top">Top</a> ' +
          '<a href="">Empty</a> <a href="http://[bad">Bad</a></main>',
      ),
      'https://example.com/docs/',
    );
    expect(page.links).toEqual(['https://example.com/a', 'https://example.com/docs/b?x=1#y']);
    expect(page.markdown).toContain('[B](https://example.com/docs/b?x=1#y)');
  });

  it('returns no links under meta robots nofollow or none, and none without a base for relative ones', () => {
    const nofollow = '<meta name="Robots" content="NONE"><a href="https://example.com/a">A</a>';
    expect(convertHtmlPage(nofollow).links).toEqual([]);
    expect(convertHtmlPage('<a href="rel">R</a><a href="https://x.org/">X</a>').links).toEqual([
      'https://x.org/',
    ]);
    expect(convertHtmlPage('')).toEqual({ markdown: '', title: null, links: [] });
  });
});

function page_(body: string): string {
  return `<!doctype html><html><body>${body}</body></html>`;
}
