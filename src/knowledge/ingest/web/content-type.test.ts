import { describe, expect, it } from 'vitest';

import {
  decodeBody,
  isPageOrXmlType,
  isPageType,
  isXmlType,
  looksBinary,
  parseContentType,
} from './content-type.js';

describe('parseContentType', () => {
  it('splits media type and charset, case-insensitively', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"; boundary=x')).toEqual({
      mediaType: 'text/html',
      charset: 'ISO-8859-1',
    });
    expect(parseContentType('application/xml')).toEqual({
      mediaType: 'application/xml',
      charset: undefined,
    });
    expect(parseContentType(null)).toEqual({ mediaType: '', charset: undefined });
  });
});

describe('media type families', () => {
  it('accepts HTML, Markdown, plain text and undeclared bodies as pages; XML only when asked', () => {
    for (const type of [
      'text/html',
      'application/xhtml+xml',
      'text/markdown',
      'text/x-markdown',
      'text/plain',
      '',
    ]) {
      expect(isPageType(type)).toBe(true);
    }
    expect(isPageType('application/xml')).toBe(false);
    expect(isPageType('image/png')).toBe(false);
    expect(isPageOrXmlType('text/xml')).toBe(true);
    expect(isPageOrXmlType('application/rss+xml')).toBe(true);
    expect(isPageOrXmlType('application/pdf')).toBe(false);
    expect(isXmlType('application/json')).toBe(false);
  });

  it('sees NUL bytes as binary', () => {
    expect(looksBinary(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('plain text'))).toBe(false);
  });
});

describe('decodeBody', () => {
  const latin = Buffer.from('caf\u00e9', 'latin1');

  it('uses the declared charset, else a meta charset for HTML, else UTF-8', () => {
    expect(decodeBody(latin, 'iso-8859-1', false)).toBe('caf\u00e9');
    const html = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), latin]);
    expect(decodeBody(html, undefined, true)).toBe('<meta charset="windows-1252"><p>caf\u00e9');
    expect(decodeBody(Buffer.from('caf\u00e9'), undefined, false)).toBe('caf\u00e9');
  });

  it('falls back to UTF-8 for unknown labels and strips a UTF-8 BOM', () => {
    expect(decodeBody(Buffer.from('\ufeffhello'), 'no-such-charset', false)).toBe('hello');
    expect(decodeBody(latin, undefined, true)).toBe('caf\ufffd');
  });
});
