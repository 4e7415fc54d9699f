import { describe, expect, it } from 'vitest';

import { binarySniffBytes, looksBinary } from './binary-detection.js';
import { decodeText, normalizeLineEndings } from './text-decoding.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('looksBinary', () => {
  it('treats a NUL byte in the sniffed prefix as binary', () => {
    expect(looksBinary(Buffer.from('hello\0world'))).toBe(true);
  });

  it('only sniffs the first 8 KiB', () => {
    const late = Buffer.concat([Buffer.alloc(binarySniffBytes, 'a'), bytes(0)]);
    expect(looksBinary(late)).toBe(false);
  });

  it('counts control characters other than whitespace, backspace and escape', () => {
    const mostlyControls = Buffer.from('\u0001\u0002\u0003abcdefgh');
    expect(looksBinary(mostlyControls)).toBe(true);
    const fewControls = Buffer.from(`\u0001${'a'.repeat(20)}`);
    expect(looksBinary(fewControls)).toBe(false);
    expect(looksBinary(Buffer.from('\u001b[31mred\u001b[0m\ttab\r\n\f\v\b'))).toBe(false);
    expect(looksBinary(Buffer.from('\u007f\u007fab'))).toBe(true);
  });

  it('treats empty input and non-ASCII UTF-8 as text', () => {
    expect(looksBinary(bytes())).toBe(false);
    expect(looksBinary(Buffer.from('héllo wörld — ✓ 日本語'))).toBe(false);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and normalizes CRLF and lone CR to LF', () => {
    expect(decodeText(Buffer.from('a\r\nb\rc\nd'))).toEqual({ ok: true, text: 'a\nb\nc\nd' });
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(decodeText(Buffer.from('\uFEFF# Title\n'))).toEqual({ ok: true, text: '# Title\n' });
  });

  it('decodes UTF-16 little and big endian when a byte order mark says so', () => {
    const little = Buffer.concat([bytes(0xff, 0xfe), Buffer.from('hé\r\nx', 'utf16le')]);
    expect(decodeText(little)).toEqual({ ok: true, text: 'hé\nx' });
    const big = Buffer.from(Buffer.concat([bytes(0xfe, 0xff), Buffer.from('hé', 'utf16le')]));
    big.subarray(2).swap16();
    expect(decodeText(big)).toEqual({ ok: true, text: 'hé' });
  });

  it('rejects UTF-16 with a truncated code unit as undecodable', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41))).toEqual({
      ok: false,
      reason: 'undecodable',
      message: 'File content is not valid UTF-16',
    });
  });

  it('rejects invalid UTF-8 as undecodable instead of replacing characters', () => {
    expect(decodeText(bytes(0x61, 0xc3, 0x28, 0x62))).toEqual({
      ok: false,
      reason: 'undecodable',
      message: 'File content is not valid UTF-8',
    });
    expect(decodeText(Buffer.from('caf\u00e9', 'latin1'))).toMatchObject({ reason: 'undecodable' });
  });

  it('reports binary content before trying to decode it', () => {
    expect(decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toEqual({
      ok: false,
      reason: 'binary',
      message: 'File content is binary',
    });
  });

  it('decodes an empty file to empty text', () => {
    expect(decodeText(bytes())).toEqual({ ok: true, text: '' });
  });
});

describe('normalizeLineEndings', () => {
  it('returns text without carriage returns unchanged', () => {
    const text = 'a\nb';
    expect(normalizeLineEndings(text)).toBe(text);
    expect(normalizeLineEndings('\r\r\n')).toBe('\n\n');
  });
});
