/**
 * What the model reads when an edit cannot be applied: for no match, the closest lines
 * of the file; for several matches, where each one is. Both show real line numbers so
 * the next attempt can be precise.
 */
import { findClosestLines } from './closest-lines.js';
import { numberLine, splitLines } from './text-file.js';

const shownLineLength = 400;
const maximumShownLines = 30;
const maximumShownMatches = 10;
const similarEnough = 0.3;

/** Message for an `oldText` that is not in the file. */
export function noMatchMessage(path: string, fileText: string, oldText: string): string {
  const fileLines = splitLines(fileText);
  const closest = findClosestLines(fileLines, splitLines(oldText));
  const head = `oldText was not found in ${path}.`;
  if (closest === undefined || closest.similarity < similarEnough) {
    return `${head} Nothing in the file is similar; read the file to see its current content.`;
  }
  const range = `lines ${closest.startLine}-${closest.endLine}`;
  const intro = closest.whitespaceOnly
    ? `The text at ${range} differs from oldText only in whitespace or indentation:`
    : `The most similar text is at ${range} (${Math.round(closest.similarity * 100)}% similar):`;
  return [
    `${head} ${intro}`,
    numberedRange(fileLines, closest.startLine, closest.endLine),
    'Copy oldText exactly from the file (without the line numbers and the tab after them) and try again.',
  ].join('\n');
}

/** Message for an `oldText` found more than once without `replaceAll`. */
export function severalMatchesMessage(
  path: string,
  fileText: string,
  matchOffsets: readonly number[],
  oldText: string,
): string {
  const fileLines = splitLines(fileText);
  const oldLineCount = Math.max(1, splitLines(oldText).length);
  const starts = lineNumbersOf(fileText, matchOffsets);
  const parts = [
    `oldText occurs ${matchOffsets.length} times in ${path} (at lines ${starts.join(', ')}). Include more surrounding lines in oldText to make it unique, or set replaceAll to change every occurrence.`,
  ];
  for (const [position, start] of starts.slice(0, maximumShownMatches).entries()) {
    const first = Math.max(1, start - 1);
    const last = Math.min(fileLines.length, start + oldLineCount);
    parts.push(`Match ${position + 1}:`, numberedRange(fileLines, first, last, 8));
  }
  if (starts.length > maximumShownMatches)
    parts.push(`[${starts.length - maximumShownMatches} more matches not shown.]`);
  return parts.join('\n');
}

/** 1-based line number of each offset (offsets ascending). */
export function lineNumbersOf(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (const offset of offsets) {
    for (
      let index = text.indexOf('\n', scanned);
      index !== -1 && index < offset;
      index = text.indexOf('\n', index + 1)
    ) {
      line += 1;
      scanned = index + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** Lines `first`..`last` of the file, numbered, at most `limit` of them. */
export function numberedRange(
  fileLines: readonly string[],
  first: number,
  last: number,
  limit = maximumShownLines,
): string {
  const end = Math.min(last, first + limit - 1);
  const width = String(end).length;
  const shown: string[] = [];
  for (let line = first; line <= end; line += 1) {
    shown.push(numberLine(line, width, fileLines[line - 1] ?? '', shownLineLength));
  }
  if (end < last) shown.push(`[${last - end} more lines]`);
  return shown.join('\n');
}
