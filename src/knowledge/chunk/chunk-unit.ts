/**
 * The atom of packing: a range of the original text, optionally wrapped in synthetic
 * lines (the fence lines repeated around each piece of a split code block). Chunks
 * are runs of consecutive units; their text is the original text between the first
 * and the last, so line ranges stay exact.
 */

import type { LineIndex } from './line-index.js';
import { isWhitespace } from './line-index.js';
import { estimateTokens, estimateTokensInRange } from './token-estimate.js';

export interface ChunkUnit {
  /** Offset of the unit's first original character; never whitespace except indentation. */
  readonly start: number;
  /** Offset just past its last original character; never after whitespace. */
  readonly end: number;
  /** Estimated tokens of prefix + original text + suffix. */
  readonly tokens: number;
  /** Synthetic text before the original range (ends with a newline), or ''. */
  readonly prefix: string;
  /** Synthetic text after the original range (starts with a newline), or ''. */
  readonly suffix: string;
}

/** A unit over `text[start, end)`, which the caller has already trimmed. */
export function makeUnit(
  text: string,
  start: number,
  end: number,
  prefix = '',
  suffix = '',
): ChunkUnit {
  let tokens = estimateTokensInRange(text, start, end);
  if (prefix !== '') tokens += estimateTokens(prefix);
  if (suffix !== '') tokens += estimateTokens(suffix);
  return { start, end, tokens, prefix, suffix };
}

/** `[start, end)` without leading and trailing whitespace; empty when all whitespace. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/**
 * `[start, end)` without leading blank lines and trailing whitespace, keeping the
 * indentation of its first non-blank line (code pieces must not lose their shape).
 */
export function trimRangeKeepingIndentation(
  text: string,
  start: number,
  end: number,
): [number, number] {
  let first = start;
  while (first < end && isWhitespace(text.charCodeAt(first))) first++;
  if (first === end) return [end, end];
  while (end > first && isWhitespace(text.charCodeAt(end - 1))) end--;
  let lineStart = first;
  while (lineStart > start && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  return [lineStart, end];
}

/** Estimated tokens of the original text between two consecutive units. */
export function gapTokens(text: string, before: ChunkUnit, after: ChunkUnit): number {
  return estimateTokensInRange(text, before.end, after.start);
}

/** Text, tokens and 1-based line range of the chunk made of `units[from, to)`. */
export interface JoinedUnits {
  readonly text: string;
  readonly tokenCount: number;
  readonly startLine: number;
  readonly endLine: number;
}

/** Joins consecutive units into a chunk's text, keeping the original text between them. */
export function joinUnits(
  lines: LineIndex,
  units: readonly ChunkUnit[],
  from: number,
  to: number,
): JoinedUnits {
  const text = lines.text;
  const first = units[from] as ChunkUnit;
  const last = units[to - 1] as ChunkUnit;
  let tokenCount = first.tokens;
  let synthetic = first.prefix !== '' || first.suffix !== '';
  let touching = false;
  for (let index = from + 1; index < to; index++) {
    const unit = units[index] as ChunkUnit;
    const previous = units[index - 1] as ChunkUnit;
    tokenCount += gapTokens(text, previous, unit) + unit.tokens;
    if (unit.prefix !== '' || unit.suffix !== '') synthetic = true;
    if (previous.end === unit.start) touching = true;
  }
  let joined: string;
  if (!synthetic) {
    joined = text.slice(first.start, last.end);
  } else {
    joined = '';
    for (let index = from; index < to; index++) {
      const unit = units[index] as ChunkUnit;
      if (index > from) joined += text.slice((units[index - 1] as ChunkUnit).end, unit.start);
      joined += unit.prefix + text.slice(unit.start, unit.end) + unit.suffix;
    }
  }
  // Units cut inside a word touch; the estimate is additive only across whitespace,
  // so such a chunk is counted again (never more than the sum, so still within budget).
  if (touching) {
    tokenCount = synthetic
      ? estimateTokens(joined)
      : estimateTokensInRange(text, first.start, last.end);
  }
  return {
    text: joined,
    tokenCount,
    startLine: lines.lineOf(first.start) + 1,
    endLine: lines.lineOf(Math.max(first.start, last.end - 1)) + 1,
  };
}
