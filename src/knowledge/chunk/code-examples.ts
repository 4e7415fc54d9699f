/**
 * Every fenced code block of a Markdown document also becomes a chunk of its own
 * (kind 'code'), carrying the prose that explains it as context, so a search for
 * "how do I ..." can land on the example and its explanation together.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import { trimRangeKeepingIndentation } from './chunk-unit.js';
import { normalizeLanguage } from './code-language-names.js';
import { CONTEXT_TOKENS, truncateRange } from './context-text.js';
import type { LineIndex } from './line-index.js';
import type { FenceBlock, MarkdownBlock } from './markdown-blocks.js';
import { CODE_LEVELS, splitRange } from './range-splitter.js';
import { estimateTokensInRange } from './token-estimate.js';

/** Blocks with fewer non-blank lines than this are examples only when long enough. */
const SMALLEST_EXAMPLE_LINES = 2;
/** A one-line block is an example from this many tokens (a full command or call). */
const SMALLEST_ONE_LINE_TOKENS = 16;

/**
 * The prose that explains the fence at `blocks[index]`: the paragraphs right before
 * it, back to the previous heading or code block, nearest kept first, within
 * {@link CONTEXT_TOKENS}. When none, the paragraph right after it (same section).
 * `blockTokens[i]` is the estimate of `blocks[i]`, already known to the caller.
 */
export function exampleContext(
  text: string,
  blocks: readonly MarkdownBlock[],
  blockTokens: readonly number[],
  index: number,
): string {
  let first = index;
  let tokens = 0;
  while (first > 0 && tokens < CONTEXT_TOKENS && blocks[first - 1]?.kind === 'prose') {
    first--;
    tokens += blockTokens[first] as number;
  }
  if (first < index) {
    // Prose blocks are contiguous: between them lie only blank lines.
    const start = (blocks[first] as MarkdownBlock).start;
    const end = (blocks[index - 1] as MarkdownBlock).end;
    const known = first === index - 1 ? tokens : estimateTokensInRange(text, start, end);
    const [from, to] = truncateRange(text, start, end, CONTEXT_TOKENS, 'tail', known);
    return text.slice(from, to);
  }
  const next = blocks[index + 1];
  if (next?.kind !== 'prose') return '';
  const known = blockTokens[index + 1] as number;
  const [from, to] = truncateRange(text, next.start, next.end, CONTEXT_TOKENS, 'head', known);
  return text.slice(from, to);
}

/** `text[start, end)` with up to `indent` leading spaces removed from every line. */
function removeIndentation(text: string, start: number, end: number, indent: number): string {
  const slice = text.slice(start, end);
  if (indent === 0) return slice;
  const pattern = new RegExp(`^ {1,${indent}}`, 'gm');
  return slice.replace(pattern, '');
}

/**
 * Tokens of the body `[start, end)` of a fence block whose whole estimate is known:
 * the estimate is additive across whitespace, so the fence lines and the gaps around
 * the body are subtracted instead of counting the body again.
 */
function bodyTokens(
  lines: LineIndex,
  block: MarkdownBlock,
  blockTokens: number,
  start: number,
  end: number,
): number {
  const text = lines.text;
  const fence = block.fence as FenceBlock;
  const closingStart =
    fence.closingLine === null ? block.end : lines.firstNonBlank(fence.bodyLastLine + 1);
  return (
    blockTokens -
    estimateTokensInRange(text, block.start, start) -
    estimateTokensInRange(text, end, closingStart) -
    estimateTokensInRange(text, closingStart, block.end)
  );
}

function countNonBlankLines(lines: LineIndex, first: number, last: number): number {
  let count = 0;
  for (let line = first; line <= last; line++) if (!lines.isBlank(line)) count++;
  return count;
}

/** Code chunks for the fence at `blocks[index]`; none for trivial blocks. */
export function codeExampleChunks(
  lines: LineIndex,
  blocks: readonly MarkdownBlock[],
  blockTokens: readonly number[],
  index: number,
  headingPath: readonly string[],
  limits: ChunkLimits,
): PendingChunk[] {
  const text = lines.text;
  const fence = (blocks[index] as MarkdownBlock).fence as FenceBlock;
  if (fence.bodyLastLine < fence.bodyFirstLine) return [];
  const bodyStart = lines.start(fence.bodyFirstLine);
  const bodyEnd = lines.end(fence.bodyLastLine);
  const [start, end] = trimRangeKeepingIndentation(text, bodyStart, bodyEnd);
  if (start >= end) return [];
  const nonBlank = countNonBlankLines(lines, fence.bodyFirstLine, fence.bodyLastLine);
  const tokens = bodyTokens(
    lines,
    blocks[index] as MarkdownBlock,
    blockTokens[index] as number,
    start,
    end,
  );
  if (nonBlank < SMALLEST_EXAMPLE_LINES && tokens < SMALLEST_ONE_LINE_TOKENS) return [];
  const pieces =
    tokens <= limits.maxTokens
      ? [{ start, end, tokens }]
      : splitRange(text, start, end, CODE_LEVELS, limits, true);
  const language = normalizeLanguage(fence.opening.info);
  const context = exampleContext(text, blocks, blockTokens, index);
  // Indentation costs nothing in the estimate, so removing it keeps the count.
  return pieces.map(({ start: from, end: to, tokens: pieceTokens }) => ({
    kind: 'code',
    text: removeIndentation(text, from, to, fence.opening.indent),
    headingPath,
    startLine: lines.lineOf(from) + 1,
    endLine: lines.lineOf(to - 1) + 1,
    language,
    tokenCount: pieceTokens,
    context,
  }));
}
