import { describe, expect, it } from 'vitest';

import { isSitemapPath, parseSitemap } from './sitemap-reader.js';

describe('parseSitemap', () => {
  it('lists page locations of a urlset, entities decoded, empty entries ignored', () => {
    const xml = `<?xml version="1.0"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc> https://example.com/a?x=1&amp;y=2 </loc><priority>0.5</priority></url>
        <url><loc></loc></url>
        <url><lastmod>2024-01-01</lastmod></url>
        <url><loc>https://example.com/b</loc></url>
      </urlset>`;
    expect(parseSitemap(xml)).toEqual({
      kind: 'pages',
      locations: ['https://example.com/a?x=1&y=2', 'https://example.com/b'],
    });
  });

  it('is lenient with unclosed tags, as sitemaps in the wild need', () => {
    expect(parseSitemap('<urlset><url><loc>https://example.com/x</loc>')).toEqual({
      kind: 'pages',
      locations: ['https://example.com/x'],
    });
  });

  it('lists sitemaps of an index, with namespace prefixes', () => {
    const xml = `<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:sitemap><sm:loc>https://example.com/one.xml</sm:loc></sm:sitemap></sm:sitemapindex>`;
    expect(parseSitemap(xml)).toEqual({
      kind: 'index',
      locations: ['https://example.com/one.xml'],
    });
  });

  it('gives empty lists for empty sitemaps and null for anything else', () => {
    expect(parseSitemap('<urlset></urlset>')).toEqual({ kind: 'pages', locations: [] });
    expect(parseSitemap('<sitemapindex/>')).toEqual({ kind: 'index', locations: [] });
    expect(parseSitemap('<rss><channel/></rss>')).toBeNull();
    expect(parseSitemap('<a b="></a>')).toBeNull();
    expect(parseSitemap('not xml at all')).toBeNull();
    expect(parseSitemap('')).toBeNull();
  });
});

describe('isSitemapPath', () => {
  it('recognizes sitemap file names in the last path segment', () => {
    expect(isSitemapPath('https://example.com/sitemap.xml')).toBe(true);
    expect(isSitemapPath('https://example.com/a/sitemap_index.xml')).toBe(true);
    expect(isSitemapPath('https://example.com/post-sitemap.xml')).toBe(true);
    expect(isSitemapPath('https://example.com/Sitemap-2.XML')).toBe(true);
    expect(isSitemapPath('https://example.com/sitemap.xml/page')).toBe(false);
    expect(isSitemapPath('https://example.com/sitemap')).toBe(false);
    expect(isSitemapPath('https://example.com/feed.xml')).toBe(false);
  });
});
