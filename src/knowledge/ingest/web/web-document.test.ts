import { describe, expect, it } from 'vitest';

import type { FetchedResource } from './http-fetcher.js';
import { isXmlResource, readWebPage, titleFromUrl } from './web-document.js';

function resource(
  body: string | Uint8Array,
  mediaType: string,
  url = 'https://example.com/page',
): FetchedResource {
  return {
    kind: 'fetched',
    requestedUrl: url,
    finalUrl: url,
    status: 200,
    mediaType,
    charset: undefined,
    body: typeof body === 'string' ? Buffer.from(body) : body,
  };
}

describe('readWebPage', () => {
  it('sniffs HTML served without a content type', () => {
    const page = readWebPage(
      resource('<!DOCTYPE html><title>T</title><p>Hi</p>', ''),
      'https://example.com/page',
    );
    expect(page.result).toMatchObject({
      kind: 'document',
      document: { language: 'html', title: 'T', text: 'Hi' },
    });
  });

  it('reads an untyped text body as text titled by its URL', () => {
    const page = readWebPage(
      resource('just words', '', 'https://example.com/'),
      'https://example.com/',
    );
    expect(page.result).toMatchObject({
      kind: 'document',
      document: { language: 'text', format: 'text', title: 'example.com' },
    });
    expect(page.links).toEqual([]);
  });

  it('titles HTML without <title> or <h1> by its first heading, else the URL', () => {
    const withHeading = readWebPage(
      resource('<h2>Second level</h2><p>x</p>', 'text/html'),
      'https://example.com/a',
    );
    expect(withHeading.result).toMatchObject({ document: { title: 'Second level' } });
    const bare = readWebPage(
      resource('<p>x</p>', 'text/html'),
      'https://example.com/docs/intro.html',
    );
    expect(bare.result).toMatchObject({ document: { title: 'intro.html' } });
  });

  it('skips unsupported types and binary bodies', () => {
    expect(readWebPage(resource('{}', 'application/json'), 'https://example.com/j').result).toEqual(
      {
        kind: 'skipped',
        skipped: {
          location: 'https://example.com/j',
          reason: 'unsupported',
          message: 'content type application/json is not a readable page',
        },
      },
    );
    const binary = readWebPage(
      resource(new Uint8Array([1, 0, 2]), 'text/plain'),
      'https://example.com/b',
    );
    expect(binary.result).toMatchObject({ kind: 'skipped', skipped: { reason: 'unsupported' } });
  });
});

describe('isXmlResource', () => {
  it('recognizes XML by type or, untyped, by its declaration', () => {
    expect(isXmlResource(resource('<urlset/>', 'text/xml'))).toBe(true);
    expect(isXmlResource(resource('  <?xml version="1.0"?><urlset/>', ''))).toBe(true);
    expect(isXmlResource(resource('<urlset/>', 'text/plain'))).toBe(false);
  });
});

describe('titleFromUrl', () => {
  it('uses the decoded last segment, keeping undecodable ones as they are', () => {
    expect(titleFromUrl('https://example.com/a/My%20Page/')).toBe('My Page');
    expect(titleFromUrl('https://example.com/bad%E0%A4%A')).toBe('bad%E0%A4%A');
    expect(titleFromUrl('https://example.com:8080/')).toBe('example.com:8080');
  });
});
