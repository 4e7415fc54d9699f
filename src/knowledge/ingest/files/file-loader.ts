/**
 * Reads one selected file into a LoadedDocument, or says why it was skipped. The size is
 * checked on the open handle before reading, the bytes are read once and hashed; a file
 * whose hash is already stored stops there (decoding and HTML conversion are most of a
 * load), the others are sniffed, decoded and titled from the same buffer. A file is
 * loaded whole or not at all. A blocking variant serves threads that may block.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

import { htmlToMarkdown } from '../html/html-to-markdown.js';
import type { LoadResult, UnchangedCheck } from '../loaded-document.js';
import { errorCode } from './file-system-errors.js';
import { decodeText } from './text-decoding.js';
import { documentTitle } from './titles.js';
import { type FileToLoad, skippedItem } from './walk-items.js';

// Non-blocking open: a FIFO that slipped through must not hang a thread-pool worker.
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Loads `file`; never throws, every failure becomes a skipped result. */
export async function loadFile(
  file: FileToLoad,
  maxFileBytes: number,
  isUnchanged?: UnchangedCheck,
): Promise<LoadResult> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file.location, readFlags);
    const stats = await handle.stat();
    if (!stats.isFile()) return notRegular(file);
    if (stats.size > maxFileBytes) return tooLarge(file, stats.size, maxFileBytes);
    return resultOfBytes(file, await handle.readFile(), maxFileBytes, isUnchanged);
  } catch (error) {
    return unreadable(file, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * {@link loadFile} with blocking reads, for threads that have nothing else to do
 * meanwhile (preparation workers): it skips the thread-pool round trips, which cost
 * several times the CPU of the reads themselves on small files.
 */
export function loadFileSync(
  file: FileToLoad,
  maxFileBytes: number,
  isUnchanged?: UnchangedCheck,
): LoadResult {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file.location, readFlags);
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return notRegular(file);
    if (stats.size > maxFileBytes) return tooLarge(file, stats.size, maxFileBytes);
    const bytes = readToEndSync(descriptor, stats.size, maxFileBytes);
    return resultOfBytes(file, bytes, maxFileBytes, isUnchanged);
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (descriptor !== undefined) closeQuietly(descriptor);
  }
}

/**
 * Reads from `descriptor` until its end or until more than `maxFileBytes` came (a
 * stat size can be wrong: procfs says 0), whichever is first.
 */
function readToEndSync(descriptor: number, sizeHint: number, maxFileBytes: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint, 8192), maxFileBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxFileBytes) break;
      const larger = Buffer.allocUnsafe(Math.min(length * 2, maxFileBytes + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const read = readSync(descriptor, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor);
  } catch {
    // Nothing was written; a failed close loses nothing.
  }
}

/** The result for the whole content of `file`: too large, unchanged or a document. */
function resultOfBytes(
  file: FileToLoad,
  bytes: Buffer,
  maxFileBytes: number,
  isUnchanged: UnchangedCheck | undefined,
): LoadResult {
  if (bytes.length > maxFileBytes) return tooLarge(file, bytes.length, maxFileBytes);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  if (isUnchanged?.(file.uri, contentHash) === true) {
    const unchanged = {
      uri: file.uri,
      location: file.location,
      contentHash,
      bytes: bytes.length,
    };
    return { kind: 'unchanged', unchanged };
  }
  return documentFrom(file, bytes, contentHash);
}

function notRegular(file: FileToLoad): LoadResult {
  return skippedItem(file.location, 'unsupported', 'Not a regular file');
}

function unreadable(file: FileToLoad, error: unknown): LoadResult {
  return skippedItem(file.location, 'unreadable', `Cannot read file (${errorCode(error)})`);
}

/** Builds the document from the raw bytes of `file`. */
function documentFrom(file: FileToLoad, bytes: Buffer, contentHash: string): LoadResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return skippedItem(file.location, decoded.reason, decoded.message);
  let text = decoded.text;
  let title: string;
  if (file.language === 'html') {
    const converted = htmlToMarkdown(text);
    text = converted.markdown;
    title = converted.title ?? file.fileName;
  } else {
    title = documentTitle(file.language, text, file.fileName);
  }
  return {
    kind: 'document',
    document: {
      uri: file.uri,
      location: file.location,
      title,
      language: file.language,
      format: file.format,
      text,
      contentHash,
      bytes: bytes.length,
    },
  };
}

function tooLarge(file: FileToLoad, size: number, maxFileBytes: number): LoadResult {
  return skippedItem(
    file.location,
    'too-large',
    `File is ${size} bytes, over the limit of ${maxFileBytes} bytes`,
  );
}
