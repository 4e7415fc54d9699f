/**
 * Writes the terms of one compound token (`getUserById`, `snake_case_name`,
 * `os.path.join`, `HTTPServer2`) so that camelCase, snake_case, kebab-case and dotted
 * spellings of the same identifier find each other in the lexical index.
 */

import { isStopword } from './stopwords.js';
import {
  CHARACTER_CLASSES as classes,
  CONNECTOR,
  DIGIT,
  LOWER,
  UNDERSCORE,
  UPPER,
} from './term-characters.js';
import type { TermWriter } from './term-writer.js';

/** Longest single term worth indexing; longer runs are hashes, base64 or minified code. */
export const LONGEST_TERM = 64;
/** Longest compound worth indexing as a whole. */
const LONGEST_COMPOUND = 128;
const SEPARATOR = UNDERSCORE | CONNECTOR;
const LOWERCASE_S = 115;
const UNDERSCORE_CODE = 95;

/** A token to write: its text (for non-ASCII lowercasing) and its code units. */
export interface TokenSource {
  readonly text: string;
  readonly codes: Uint16Array;
}

/** (start, end) pairs of the parts of the token being split; reused across calls. */
let partBounds = new Int32Array(128);

function classAt(codes: Uint16Array, position: number): number {
  return classes[codes[position] as number] as number;
}

function writeRange(
  writer: TermWriter,
  source: TokenSource,
  start: number,
  end: number,
  asciiOnly: boolean,
): void {
  if (asciiOnly) writer.writeAsciiLowercase(source.codes, start, end);
  else writer.writeLowercase(source.text, start, end);
}

/**
 * Writes a plain word unless it is too long, a single non-digit character or a
 * stopword (`stopwords` false for identifier parts, which keep `by` in `get_user_by_id`).
 */
export function writeWord(
  writer: TermWriter,
  source: TokenSource,
  start: number,
  end: number,
  asciiOnly: boolean,
  stopwords: boolean,
): void {
  const length = end - start;
  if (length > LONGEST_TERM) return;
  if (length === 1 && classAt(source.codes, start) !== DIGIT) return;
  if (stopwords && isStopword(source.codes, start, end)) return;
  writer.reserve(length + 1);
  writer.beginTerm();
  writeRange(writer, source, start, end, asciiOnly);
}

/**
 * True when a case boundary falls before `position` inside a segment:
 * lower or digit followed by upper (`getUser`, `v8Engine`), or the last capital of an
 * acronym followed by lowercase (`HTTPServer` -> `HTTP` + `Server`), except a plural
 * `s` closing the acronym (`URLs`, `IDsFor` stay `urls`, `ids` + `for`).
 */
function isCaseBoundary(codes: Uint16Array, position: number, segmentEnd: number): boolean {
  if (classAt(codes, position) !== UPPER) return false;
  const previous = classAt(codes, position - 1);
  if (previous === LOWER || previous === DIGIT) return true;
  if (previous !== UPPER || position + 1 >= segmentEnd) return false;
  const nextCode = codes[position + 1] as number;
  if (classes[nextCode] !== LOWER) return false;
  const isPluralS =
    nextCode === LOWERCASE_S &&
    (position + 2 >= segmentEnd || classAt(codes, position + 2) !== LOWER);
  return !isPluralS;
}

/** Fills `partBounds` with the parts of `codes[start, end)`; returns how many numbers it wrote. */
function findParts(codes: Uint16Array, start: number, end: number): number {
  if (partBounds.length < (end - start) * 2) partBounds = new Int32Array((end - start) * 2);
  let count = 0;
  let position = start;
  while (position < end) {
    while (position < end && (classAt(codes, position) & SEPARATOR) !== 0) position++;
    if (position >= end) break;
    const segmentStart = position;
    while (position < end && (classAt(codes, position) & SEPARATOR) === 0) position++;
    let partStart = segmentStart;
    for (let cursor = segmentStart + 1; cursor <= position; cursor++) {
      if (cursor < position && !isCaseBoundary(codes, cursor, position)) continue;
      // A part that opens a segment is stored as -1 - start, so segments can be found again.
      partBounds[count++] = partStart === segmentStart ? -1 - partStart : partStart;
      partBounds[count++] = cursor;
      partStart = cursor;
    }
  }
  return count;
}

function partStartAt(index: number): number {
  const stored = partBounds[index] as number;
  return stored < 0 ? -1 - stored : stored;
}

/**
 * Writes the terms of the compound token `[start, end)`: the parts joined by `_`,
 * then for every camelCase segment its flat lowercase spelling (`JavaScript` ->
 * `javascript`, so a lowercase query still matches), then each part. Single letters
 * and over-long parts are left out of the standalone parts but kept in the compound.
 * A token that turns out to have one part is written as a plain word.
 */
export function writeIdentifierTerms(
  writer: TermWriter,
  source: TokenSource,
  start: number,
  end: number,
  asciiOnly: boolean,
): void {
  const count = findParts(source.codes, start, end);
  if (count === 2) {
    writeWord(writer, source, partStartAt(0), partBounds[1] as number, asciiOnly, true);
    return;
  }
  writer.reserve((end - start) * (asciiOnly ? 4 : 12) + count);
  let compoundLength = (count >> 1) - 1;
  for (let index = 0; index < count; index += 2) {
    compoundLength += (partBounds[index + 1] as number) - partStartAt(index);
  }
  if (count > 2 && compoundLength <= LONGEST_COMPOUND) {
    writer.beginTerm();
    for (let index = 0; index < count; index += 2) {
      if (index > 0) writer.writeCharacter(UNDERSCORE_CODE);
      writeRange(writer, source, partStartAt(index), partBounds[index + 1] as number, asciiOnly);
    }
  }
  for (let index = 0; index < count; index += 2) {
    const partStart = partStartAt(index);
    const opensSplitSegment =
      (partBounds[index] as number) < 0 &&
      index + 2 < count &&
      (partBounds[index + 2] as number) >= 0;
    if (opensSplitSegment) {
      let last = index + 2;
      while (last + 2 < count && (partBounds[last + 2] as number) >= 0) last += 2;
      writeWord(writer, source, partStart, partBounds[last + 1] as number, asciiOnly, false);
    }
    writeWord(writer, source, partStart, partBounds[index + 1] as number, asciiOnly, false);
  }
}
