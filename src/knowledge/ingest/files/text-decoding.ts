/**
 * Turns raw file bytes into the text the chunker reads. Decoding is strict: bytes that
 * are not valid UTF-8 make the file undecodable instead of filling it with replacement
 * characters. A UTF-8 byte order mark is dropped; UTF-16 is read when a byte order mark
 * announces it (Windows tools still write it). Line endings become `\n`.
 */
import { TextDecoder } from 'node:util';

import { looksBinary } from './binary-detection.js';

/** The outcome of {@link decodeText}: the text, or why there is none. */
export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'binary' | 'undecodable'; readonly message: string };

// `ignoreBOM: false` (the default) makes each decoder drop its own byte order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16LittleEndian = new TextDecoder('utf-16le', { fatal: true });
const utf16BigEndian = new TextDecoder('utf-16be', { fatal: true });

/** Decodes file bytes to text with `\n` line endings, or says why it cannot. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoder = utf16DecoderFor(bytes);
  if (decoder === null && looksBinary(bytes)) {
    return { ok: false, reason: 'binary', message: 'File content is binary' };
  }
  try {
    return { ok: true, text: normalizeLineEndings((decoder ?? utf8).decode(bytes)) };
  } catch {
    const encoding = decoder === null ? 'UTF-8' : 'UTF-16';
    return { ok: false, reason: 'undecodable', message: `File content is not valid ${encoding}` };
  }
}

/** Rewrites CRLF and lone CR line endings as LF. */
export function normalizeLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function utf16DecoderFor(bytes: Uint8Array): TextDecoder | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16LittleEndian;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16BigEndian;
  return null;
}
