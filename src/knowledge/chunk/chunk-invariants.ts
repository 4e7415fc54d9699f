/**
 * The promises every chunker keeps, as a checker: ordinals in order, exact token
 * counts within the budget, and line ranges that really hold the chunk's text. The
 * tests run it over every chunking they do; debugging tools can run it on real data.
 */

import type { ChunkDraft } from '../../core/knowledge-types.js';
import { estimateTokens } from './token-estimate.js';

const FENCE_LINE = /^\s*(`{3,}|~{3,})/;

/** True when `chunk`'s lines appear, in order, in the original lines of its range. */
function linesMatch(originalLines: readonly string[], chunk: ChunkDraft): boolean {
  const chunkLines = chunk.text.split('\n');
  let original = chunk.startLine - 1;
  for (const line of chunkLines) {
    const source = originalLines[original];
    if (source !== undefined && original < chunk.endLine && source.includes(line)) {
      original++;
      continue;
    }
    // A split code block repeats its fence lines around every piece.
    if (!FENCE_LINE.test(line)) return false;
  }
  return original === chunk.endLine;
}

/** Every broken promise in `chunks` of `original`, as readable lines; [] when all hold. */
export function describeChunkProblems(
  original: string,
  chunks: readonly ChunkDraft[],
  maxTokens: number,
): string[] {
  const problems: string[] = [];
  const originalLines = original.split('\n');
  let previousStart = 0;
  chunks.forEach((chunk, index) => {
    const label = `chunk ${index} (${chunk.kind}, lines ${chunk.startLine}-${chunk.endLine})`;
    if (chunk.ordinal !== index) problems.push(`${label}: ordinal ${chunk.ordinal}`);
    if (chunk.startLine < previousStart)
      problems.push(`${label}: starts before the previous chunk`);
    previousStart = chunk.startLine;
    if (
      chunk.startLine < 1 ||
      chunk.endLine < chunk.startLine ||
      chunk.endLine > originalLines.length
    ) {
      problems.push(`${label}: line range outside the document`);
    }
    if (chunk.text.trim() === '') problems.push(`${label}: empty text`);
    const tokens = estimateTokens(chunk.text);
    if (chunk.tokenCount !== tokens)
      problems.push(`${label}: tokenCount ${chunk.tokenCount}, text has ${tokens}`);
    if (chunk.tokenCount > maxTokens)
      problems.push(`${label}: ${chunk.tokenCount} tokens over ${maxTokens}`);
    if (!linesMatch(originalLines, chunk))
      problems.push(`${label}: text not found in its line range`);
  });
  return problems;
}
