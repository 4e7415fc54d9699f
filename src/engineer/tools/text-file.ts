/**
 * Loading a workspace file as text for the model: folders, missing files and binary
 * files are refused with a message that says what to do instead, and only the first
 * `maxBytes` of a huge file are read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** A file's text without its byte order mark, and what was left out. */
export interface TextFile {
  readonly text: string;
  readonly hasByteOrderMark: boolean;
  /** Size on disk in bytes. */
  readonly size: number;
  /** True when only the first `maxBytes` were read. */
  readonly cut: boolean;
}

const binaryProbeBytes = 8000;
/** A symbolic link swapped in after the guard's check is not followed. */
export const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);
const byteOrderMark = '\uFEFF';

/** True when the bytes contain a NUL in their first 8,000 bytes, as git and grep decide. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, binaryProbeBytes);
  for (let index = 0; index < end; index += 1) if (bytes[index] === 0) return true;
  return false;
}

/** Reads a text file; throws PathNotFound or InvalidInput (folder, binary) with guidance. */
export async function readTextFile(
  absolute: string,
  shownPath: string,
  maxBytes: number,
): Promise<TextFile> {
  let handle;
  try {
    handle = await open(absolute, readFlags);
  } catch (error) {
    throw openFailure(error, shownPath);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${shownPath} is a folder; use listFiles to see its files.`,
      );
    }
    const length = Math.min(info.size, maxBytes);
    const bytes = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(bytes, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const content = bytes.subarray(0, filled);
    if (looksBinary(content)) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${shownPath} is a binary file (${info.size} bytes); it cannot be shown as text.`,
      );
    }
    const decoded = content.toString('utf8');
    const hasByteOrderMark = decoded.startsWith(byteOrderMark);
    return {
      text: hasByteOrderMark ? decoded.slice(1) : decoded,
      hasByteOrderMark,
      size: info.size,
      cut: info.size > filled,
    };
  } finally {
    await handle.close();
  }
}

function openFailure(error: unknown, shownPath: string): ArchonError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ArchonError(ErrorCode.PathNotFound, `${shownPath} does not exist.`, {
      cause: error,
    });
  }
  if (code === 'ELOOP') {
    return new ArchonError(
      ErrorCode.WorkspaceViolation,
      `${shownPath} became a symbolic link after it was checked; refused.`,
      { cause: error },
    );
  }
  if (code === 'EISDIR') {
    return new ArchonError(
      ErrorCode.InvalidInput,
      `${shownPath} is a folder; use listFiles to see its files.`,
      { cause: error },
    );
  }
  return new ArchonError(
    ErrorCode.InvalidInput,
    `${shownPath} cannot be read (${code ?? 'error'}).`,
    { cause: error },
  );
}

/** Lines without their terminators (`\n`, `\r\n`); a final line break adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A line cut to `maxLength` characters, with a note saying how long it really was. */
export function cutLine(line: string, maxLength: number): string {
  return line.length <= maxLength
    ? line
    : `${line.slice(0, maxLength)} … [line cut, ${line.length} characters]`;
}

/** `cat -n` style: right-aligned line number, a tab, the (possibly cut) line. */
export function numberLine(
  lineNumber: number,
  width: number,
  line: string,
  maxLength: number,
): string {
  return `${String(lineNumber).padStart(width)}\t${cutLine(line, maxLength)}`;
}
