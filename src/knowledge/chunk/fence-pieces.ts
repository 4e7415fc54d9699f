/**
 * Splits a fenced code block too large for one chunk into units at line boundaries,
 * repeating the opening and closing fence lines around every piece so each piece is
 * a valid code block on its own.
 */

import type { ChunkLimits } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { makeUnit, trimRangeKeepingIndentation } from './chunk-unit.js';
import type { LineIndex } from './line-index.js';
import type { MarkdownBlock } from './markdown-blocks.js';
import { CODE_LEVELS, splitRange } from './range-splitter.js';
import { estimateTokens } from './token-estimate.js';

/**
 * Units of an oversized fence block. When the fence lines alone would take more than
 * a quarter of the budget, pieces are plain line ranges without repeated fences.
 */
export function fenceUnits(
  lines: LineIndex,
  block: MarkdownBlock,
  limits: ChunkLimits,
): ChunkUnit[] {
  const text = lines.text;
  const fence = block.fence;
  if (fence === null) throw new Error('fenceUnits needs a fence block');
  const opening = fence.openingLine;
  const closeWith =
    fence.closingLine ?? String.fromCharCode(fence.opening.marker).repeat(fence.opening.length);
  const frame = estimateTokens(`${opening}\n`) + estimateTokens(`\n${closeWith}`);
  const bodyStart = lines.start(fence.bodyFirstLine);
  const bodyEnd =
    fence.bodyLastLine >= fence.bodyFirstLine ? lines.end(fence.bodyLastLine) : bodyStart;
  const [start, end] = trimRangeKeepingIndentation(text, bodyStart, bodyEnd);
  if (frame * 4 > limits.maxTokens) {
    return splitRange(text, block.start, block.end, CODE_LEVELS, limits, true);
  }
  const budget = {
    ...limits,
    targetTokens: Math.max(1, limits.targetTokens - frame),
    maxTokens: limits.maxTokens - frame,
  };
  const pieces = splitRange(text, start, end, CODE_LEVELS, budget, true);
  return pieces.map(({ start: from, end: to }, index) => {
    const isFirst = index === 0;
    const isLast = index === pieces.length - 1;
    const realClosing = isLast && fence.closingLine !== null;
    return makeUnit(
      text,
      isFirst ? block.start : from,
      realClosing ? block.end : to,
      isFirst ? '' : `${opening}\n`,
      realClosing ? '' : `\n${closeWith}`,
    );
  });
}
