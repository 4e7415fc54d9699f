import { describe, expect, it } from 'vitest';

import { CrawlScope, normalizeUrl, originOf } from './url-scope.js';

describe('normalizeUrl', () => {
  it('drops fragments and default ports, lower-cases the host, keeps the query order', () => {
    expect(normalizeUrl('HTTP://Example.COM:80/a/b?z=1&a=2#frag')).toBe(
      'http://example.com/a/b?z=1&a=2',
    );
    expect(normalizeUrl('https://example.com:443/')).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
  });

  it('resolves relative references against a base', () => {
    expect(normalizeUrl('../c?q#h', 'https://example.com/a/b/page')).toBe(
      'https://example.com/a/c?q',
    );
    expect(normalizeUrl('  /root  ', 'https://example.com/a/')).toBe('https://example.com/root');
  });

  it('returns null for non-web schemes and unparseable input', () => {
    expect(normalizeUrl('mailto:someone@example.com')).toBeNull();
    expect(normalizeUrl('ftp://example.com/file')).toBeNull();
    expect(normalizeUrl('relative/only')).toBeNull();
    expect(normalizeUrl('http://[broken')).toBeNull();
  });
});

describe('CrawlScope', () => {
  it('contains only the start origin when same-site, and follows a rebase', () => {
    const scope = new CrawlScope('http://example.com/docs/', true);
    expect(scope.contains('http://example.com/other')).toBe(true);
    expect(scope.contains('https://example.com/docs/')).toBe(false);
    expect(scope.contains('http://example.com:8080/docs/')).toBe(false);
    expect(scope.contains('http://sub.example.com/')).toBe(false);
    scope.rebase('https://www.example.com/home');
    expect(scope.origin).toBe('https://www.example.com');
    expect(scope.contains('https://www.example.com/x')).toBe(true);
    expect(scope.contains('http://example.com/x')).toBe(false);
  });

  it('contains everything when not same-site', () => {
    expect(new CrawlScope('http://example.com/', false).contains('https://other.org/')).toBe(true);
  });

  it('names origins by scheme, host and port', () => {
    expect(originOf('https://example.com:443/a?b')).toBe('https://example.com');
  });
});
