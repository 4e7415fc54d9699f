/**
 * Reads one selected file into a LoadedDocument, or says why it was skipped. The size is
 * checked on the open handle before reading, the bytes are read once and hashed; a file
 * whose hash is already stored stops there (decoding and HTML conversion are most of a
 * load), the others are sniffed, decoded and titled from the same buffer. A file is
 * loaded whole or not at all. A blocking variant reads and hashes only, into a buffer of
 * its own that can move to the thread that decodes it (`documentFromBytes`).
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
    const checked = checkedBytes(file, await handle.readFile(), maxFileBytes, isUnchanged);
    return checked.kind === 'bytes'
      ? documentFromBytes(file, checked.bytes, checked.contentHash)
      : checked;
  } catch (error) {
    return unreadable(file, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A load that ended before decoding: unchanged, or skipped with its reason. */
export type NotLoaded = Exclude<LoadResult, { kind: 'document' }>;

/** A file read whole and hashed, not decoded yet. */
export interface FileBytes {
  readonly kind: 'bytes';
  /**
   * The content. From {@link readFileBytesSync} it is alone in its ArrayBuffer, from offset
   * 0, so the buffer can be transferred to another thread.
   */
  readonly bytes: Uint8Array;
  readonly contentHash: string;
}

/**
 * The first half of {@link loadFile} with blocking reads: the bytes and their hash, or
 * the result that ends the load there (unchanged, too large, unreadable). The rest is
 * {@link documentFromBytes}, on whichever thread should decode. Blocking calls skip the
 * thread-pool round trips, which cost several times the CPU of the reads themselves on
 * small files.
 */
export function readFileBytesSync(
  file: FileToLoad,
  maxFileBytes: number,
  isUnchanged?: UnchangedCheck,
): FileBytes | NotLoaded {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file.location, readFlags);
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return notRegular(file);
    if (stats.size > maxFileBytes) return tooLarge(file, stats.size, maxFileBytes);
    return checkedBytes(
      file,
      readToEndSync(descriptor, stats.size, maxFileBytes),
      maxFileBytes,
      isUnchanged,
    );
  } catch (error) {
    return unreadable(file, error);
  } finally {
    if (descriptor !== undefined) closeQuietly(descriptor);
  }
}

/**
 * Reads from `descriptor` until its end or until more than `maxFileBytes` came (a
 * stat size can be wrong: procfs says 0), whichever is first. Buffers come from
 * `allocUnsafeSlow`, never from the shared pool, so the result owns its ArrayBuffer.
 */
function readToEndSync(descriptor: number, sizeHint: number, maxFileBytes: number): Buffer {
  let buffer = Buffer.allocUnsafeSlow(Math.min(Math.max(sizeHint, 8192), maxFileBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxFileBytes) break;
      const larger = Buffer.allocUnsafeSlow(Math.min(length * 2, maxFileBytes + 1));
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

/** The whole content of `file`: too large, unchanged, or hashed and ready to decode. */
function checkedBytes(
  file: FileToLoad,
  bytes: Buffer,
  maxFileBytes: number,
  isUnchanged: UnchangedCheck | undefined,
): FileBytes | NotLoaded {
  if (bytes.length > maxFileBytes) return tooLarge(file, bytes.length, maxFileBytes);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  if (isUnchanged?.(file.uri, contentHash) === true) {
    const unchanged = { uri: file.uri, location: file.location, contentHash, bytes: bytes.length };
    return { kind: 'unchanged', unchanged };
  }
  return { kind: 'bytes', bytes, contentHash };
}

function notRegular(file: FileToLoad): NotLoaded {
  return skippedItem(file.location, 'unsupported', 'Not a regular file');
}

function unreadable(file: FileToLoad, error: unknown): NotLoaded {
  return skippedItem(file.location, 'unreadable', `Cannot read file (${errorCode(error)})`);
}

/** The document of `file` from its raw bytes (sniffed, decoded, titled; HTML converted). */
export function documentFromBytes(
  file: FileToLoad,
  bytes: Uint8Array,
  contentHash: string,
): LoadResult {
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

function tooLarge(file: FileToLoad, size: number, maxFileBytes: number): NotLoaded {
  return skippedItem(
    file.location,
    'too-large',
    `File is ${size} bytes, over the limit of ${maxFileBytes} bytes`,
  );
}
