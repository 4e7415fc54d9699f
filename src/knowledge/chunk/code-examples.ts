/**
 * Every fenced code block of a Markdown document also becomes a chunk of its own
 * (kind 'code'), carrying the prose that explains it as context, so a search for
 * "how do I ..." can land on the example and its explanation together. Fences that
 * follow each other with nothing but blank lines between them, in one language and
 * within the target together, are one example: docs often show the same example twice
 * (ES module and CommonJS) or one example in consecutive steps.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import { trimRangeKeepingIndentation } from './chunk-unit.js';
import { normalizeLanguage } from './code-language-names.js';
import { CONTEXT_TOKENS, truncateRange } from './context-text.js';
import type { LineIndex } from './line-index.js';
import { isWhitespace } from './line-index.js';
import type { FenceBlock, MarkdownBlock } from './markdown-blocks.js';
import { CODE_LEVELS, splitRange } from './range-splitter.js';
import { estimateTokensInRange } from './token-estimate.js';

/** Blocks with fewer non-blank lines than this are examples only when long enough. */
const SMALLEST_EXAMPLE_LINES = 2;
/** A one-line block is an example from this many tokens (a full command or call). */
const SMALLEST_ONE_LINE_TOKENS = 16;

/**
 * Estimated tokens of `text` from the start of `blocks[first]` to the end of
 * `blocks[last]`, consecutive prose blocks whose estimates sum to `sum`. Blocks are
 * trimmed and only whitespace with a line break lies between them, so the estimate is
 * additive: the sum plus each gap's. When a block is empty or starts or ends with
 * whitespace (lines of only a form feed make such blocks), the whole range is counted.
 */
export function proseRunTokens(
  text: string,
  blocks: readonly MarkdownBlock[],
  first: number,
  last: number,
  sum: number,
): number {
  let tokens = sum;
  let previousEnd = -1;
  for (let index = first; index <= last; index++) {
    const { start, end } = blocks[index] as MarkdownBlock;
    const trimmed =
      start < end &&
      !isWhitespace(text.charCodeAt(start)) &&
      !isWhitespace(text.charCodeAt(end - 1));
    if (!trimmed) {
      const runStart = (blocks[first] as MarkdownBlock).start;
      return estimateTokensInRange(text, runStart, (blocks[last] as MarkdownBlock).end);
    }
    if (index > first) tokens += estimateTokensInRange(text, previousEnd, start);
    previousEnd = end;
  }
  return tokens;
}

/**
 * The prose that explains the fence at `blocks[index]`: the paragraphs right before
 * it, back to the previous heading or code block, nearest kept first, within
 * {@link CONTEXT_TOKENS}. When none, the paragraph right after the fence at
 * `lastIndex` (same section). `blockTokens[i]` is the estimate of `blocks[i]`, known
 * to the caller for every block before `index`.
 */
export function exampleContext(
  text: string,
  blocks: readonly MarkdownBlock[],
  blockTokens: readonly number[],
  index: number,
  lastIndex: number,
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
    const known = proseRunTokens(text, blocks, first, index - 1, tokens);
    const [from, to] = truncateRange(text, start, end, CONTEXT_TOKENS, 'tail', known);
    return text.slice(from, to);
  }
  const next = blocks[lastIndex + 1];
  if (next?.kind !== 'prose') return '';
  const known = blockTokens[lastIndex + 1] ?? estimateTokensInRange(text, next.start, next.end);
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

function hasBody(fence: FenceBlock): boolean {
  return fence.bodyLastLine >= fence.bodyFirstLine;
}

/**
 * The last fence of the example that starts with the fence at `blocks[index]`: later
 * fences join it while they follow right after (blocks are contiguous, so consecutive
 * fences have only blank lines between them), share its language and indentation, and
 * keep the whole within the target. Fills `blockTokens` for the fences it looks at.
 */
export function exampleRunEnd(
  lines: LineIndex,
  blocks: readonly MarkdownBlock[],
  blockTokens: number[],
  index: number,
  limits: ChunkLimits,
): number {
  const first = (blocks[index] as MarkdownBlock).fence as FenceBlock;
  if (!hasBody(first)) return index;
  const language = normalizeLanguage(first.opening.info);
  let tokens = blockTokens[index] as number;
  let last = index;
  for (let next = index + 1; next < blocks.length; next++) {
    const block = blocks[next] as MarkdownBlock;
    const fence = block.fence;
    if (fence === null || !hasBody(fence) || fence.opening.indent !== first.opening.indent) break;
    if (normalizeLanguage(fence.opening.info) !== language) break;
    const blockEstimate =
      blockTokens[next] ?? estimateTokensInRange(lines.text, block.start, block.end);
    blockTokens[next] = blockEstimate;
    if (tokens + blockEstimate > limits.targetTokens) break;
    tokens += blockEstimate;
    last = next;
  }
  return last;
}

/**
 * Code chunks for the fences `blocks[index..lastIndex]` (one fence, or a run from
 * {@link exampleRunEnd}); none for trivial blocks. A run's text is the original text
 * from the first body to the last, fence lines between them included.
 */
export function codeExampleChunks(
  lines: LineIndex,
  blocks: readonly MarkdownBlock[],
  blockTokens: readonly number[],
  index: number,
  lastIndex: number,
  headingPath: readonly string[],
  limits: ChunkLimits,
): PendingChunk[] {
  const text = lines.text;
  const fence = (blocks[index] as MarkdownBlock).fence as FenceBlock;
  if (!hasBody(fence)) return [];
  const lastFence = (blocks[lastIndex] as MarkdownBlock).fence as FenceBlock;
  const bodyStart = lines.start(fence.bodyFirstLine);
  const bodyEnd = lines.end(lastFence.bodyLastLine);
  const [start, end] = trimRangeKeepingIndentation(text, bodyStart, bodyEnd);
  if (start >= end) return [];
  const nonBlank = countNonBlankLines(lines, fence.bodyFirstLine, lastFence.bodyLastLine);
  const tokens =
    lastIndex === index
      ? bodyTokens(lines, blocks[index] as MarkdownBlock, blockTokens[index] as number, start, end)
      : estimateTokensInRange(text, start, end);
  if (nonBlank < SMALLEST_EXAMPLE_LINES && tokens < SMALLEST_ONE_LINE_TOKENS) return [];
  const pieces =
    tokens <= limits.maxTokens
      ? [{ start, end, tokens }]
      : splitRange(text, start, end, CODE_LEVELS, limits, true);
  const language = normalizeLanguage(fence.opening.info);
  const context = exampleContext(text, blocks, blockTokens, index, lastIndex);
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
