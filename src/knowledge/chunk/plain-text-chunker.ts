/**
 * Plain text chunking: paragraphs separated by blank lines, packed like Markdown
 * blocks, no headings. Also the fallback for code in a language without rules,
 * where paragraphs keep their indentation.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { makeUnit } from './chunk-unit.js';
import type { LineIndex } from './line-index.js';
import type { SplitLevel } from './range-splitter.js';
import type { SectionFacts } from './section-chunks.js';
import { appendRangeUnits, appendSectionChunks } from './section-chunks.js';

/** Chunks of `[firstLine, lastLine]` split into blank-line paragraphs. */
export function chunkParagraphs(
  lines: LineIndex,
  firstLine: number,
  lastLine: number,
  facts: SectionFacts,
  levels: readonly SplitLevel[],
  keepIndentation: boolean,
  limits: ChunkLimits,
  chunks: PendingChunk[],
): void {
  const text = lines.text;
  const units: ChunkUnit[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  for (let line = firstLine; line <= lastLine + 1; line++) {
    if (line <= lastLine && !lines.isBlank(line)) {
      if (paragraphStart < 0) {
        paragraphStart = keepIndentation ? lines.start(line) : lines.firstNonBlank(line);
      }
      paragraphEnd = lines.lastNonBlank(line);
      continue;
    }
    if (paragraphStart < 0) continue;
    const unit = makeUnit(text, paragraphStart, paragraphEnd);
    appendRangeUnits(text, unit, levels, limits, keepIndentation, units);
    paragraphStart = -1;
  }
  appendSectionChunks(lines, units, facts, limits, chunks);
}
