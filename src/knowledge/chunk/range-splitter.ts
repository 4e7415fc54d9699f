/**
 * Splits a range too large for one chunk into pieces, trying the gentlest boundary
 * first: sentences (prose) or blank lines (code), then lines, then words, and as a
 * last resort fixed-size runs of characters (a minified line, a base64 blob).
 * Pieces are packed back up to the target, so they can still share a chunk with a heading.
 */

import type { ChunkLimits } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { trimRange, trimRangeKeepingIndentation } from './chunk-unit.js';
import { isWhitespace } from './line-index.js';
import { estimateTokensInRange } from './token-estimate.js';

/** Kinds of boundary, from gentlest to harshest. */
export type SplitLevel = 'sentence' | 'blank-line' | 'line' | 'word';

/** Boundary orders: prose keeps sentences whole, code keeps blocks of lines whole. */
export const PROSE_LEVELS: readonly SplitLevel[] = ['sentence', 'line', 'word'];
export const CODE_LEVELS: readonly SplitLevel[] = ['blank-line', 'line', 'word'];

const NEWLINE = 10;
/** Characters that may close a sentence after its final mark: quotes, brackets, emphasis. */
const CLOSERS = new Set([34, 39, 41, 93, 42, 95, 8217, 8221]);

function isSentenceMark(code: number): boolean {
  return code === 46 || code === 33 || code === 63;
}

function isWideSentenceMark(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f;
}

/** Offsets just past each boundary of the given level inside `[start, end)`. */
function findCuts(text: string, start: number, end: number, level: SplitLevel): number[] {
  const cuts: number[] = [];
  for (let position = start; position < end; position++) {
    const code = text.charCodeAt(position);
    if (level === 'sentence') {
      if (isWideSentenceMark(code)) cuts.push(position + 1);
      if (!isSentenceMark(code)) continue;
      let after = position + 1;
      while (after < end && CLOSERS.has(text.charCodeAt(after))) after++;
      if (after < end && isWhitespace(text.charCodeAt(after))) cuts.push(after);
    } else if (level === 'word') {
      if (isWhitespace(code)) cuts.push(position + 1);
    } else if (code === NEWLINE) {
      if (level === 'line') {
        cuts.push(position + 1);
        continue;
      }
      let next = position + 1;
      while (next < end && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)) next++;
      if (next < end && text.charCodeAt(next) === NEWLINE) cuts.push(next + 1);
    }
  }
  return cuts;
}

/** Cuts a run with no usable boundary into pieces of at most the target. */
function splitCharacters(
  text: string,
  start: number,
  end: number,
  targetTokens: number,
  pieces: ChunkUnit[],
): void {
  let position = start;
  while (position < end) {
    let length = Math.min(end - position, targetTokens * 4);
    while (length > 1 && estimateTokensInRange(text, position, position + length) > targetTokens) {
      length = length >> 1;
    }
    let cut = position + length;
    const code = text.charCodeAt(cut - 1);
    if (cut < end && code >= 0xd800 && code <= 0xdbff && length > 1) cut--;
    pieces.push(piece(position, cut, estimateTokensInRange(text, position, cut)));
    position = cut;
  }
}

function piece(start: number, end: number, tokens: number): ChunkUnit {
  return { start, end, tokens, prefix: '', suffix: '' };
}

function splitAtLevel(
  text: string,
  start: number,
  end: number,
  levels: readonly SplitLevel[],
  levelIndex: number,
  limits: ChunkLimits,
  keepIndentation: boolean,
  pieces: ChunkUnit[],
): void {
  const level = levels[levelIndex];
  if (level === undefined) {
    splitCharacters(text, start, end, limits.targetTokens, pieces);
    return;
  }
  const trim = keepIndentation && level !== 'word' ? trimRangeKeepingIndentation : trimRange;
  const cuts = findCuts(text, start, end, level);
  cuts.push(end);
  let groupStart = -1;
  let groupEnd = -1;
  let groupTokens = 0;
  let atomStart = start;
  for (const cut of cuts) {
    const [from, to] = trim(text, atomStart, cut);
    atomStart = cut;
    if (from >= to) continue;
    const tokens = estimateTokensInRange(text, from, to);
    if (tokens > limits.maxTokens) {
      if (groupStart >= 0) pieces.push(piece(groupStart, groupEnd, groupTokens));
      groupStart = -1;
      splitAtLevel(text, from, to, levels, levelIndex + 1, limits, keepIndentation, pieces);
      continue;
    }
    if (groupStart >= 0) {
      // Touching atoms (no whitespace between) are not additive: count the group again.
      const total =
        groupEnd === from
          ? estimateTokensInRange(text, groupStart, to)
          : groupTokens + estimateTokensInRange(text, groupEnd, from) + tokens;
      if (total <= limits.targetTokens) {
        groupEnd = to;
        groupTokens = total;
        continue;
      }
      pieces.push(piece(groupStart, groupEnd, groupTokens));
    }
    groupStart = from;
    groupEnd = to;
    groupTokens = tokens;
  }
  if (groupStart >= 0) pieces.push(piece(groupStart, groupEnd, groupTokens));
}

/**
 * Pieces of `[start, end)` as units, in order, each within `limits.maxTokens` and
 * packed up to `limits.targetTokens`. With `keepIndentation`, line-based pieces start
 * at the beginning of their first line (code); otherwise every piece is trimmed (prose).
 */
export function splitRange(
  text: string,
  start: number,
  end: number,
  levels: readonly SplitLevel[],
  limits: ChunkLimits,
  keepIndentation: boolean,
): ChunkUnit[] {
  const pieces: ChunkUnit[] = [];
  splitAtLevel(text, start, end, levels, 0, limits, keepIndentation, pieces);
  return pieces;
}
