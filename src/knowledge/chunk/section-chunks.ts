/**
 * Turns a run of units that share a heading path into text chunks: pack, then join.
 * Shared by the Markdown and plain-text chunkers.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { joinUnits } from './chunk-unit.js';
import type { LineIndex } from './line-index.js';
import type { SplitLevel } from './range-splitter.js';
import { splitRange } from './range-splitter.js';
import { packUnits } from './unit-packer.js';

/** What the chunks of one section have in common. */
export interface SectionFacts {
  readonly kind: PendingChunk['kind'];
  readonly language: string;
  readonly headingPath: readonly string[];
  readonly context: string;
}

/** Appends `unit`, or its pieces when it is over the maximum. */
export function appendRangeUnits(
  text: string,
  unit: ChunkUnit,
  levels: readonly SplitLevel[],
  limits: ChunkLimits,
  keepIndentation: boolean,
  units: ChunkUnit[],
): void {
  if (unit.tokens <= limits.maxTokens) {
    units.push(unit);
    return;
  }
  units.push(...splitRange(text, unit.start, unit.end, levels, limits, keepIndentation));
}

/** Packs `units` and appends one chunk per group to `chunks`. */
export function appendSectionChunks(
  lines: LineIndex,
  units: readonly ChunkUnit[],
  facts: SectionFacts,
  limits: ChunkLimits,
  chunks: PendingChunk[],
): void {
  for (const group of packUnits(lines.text, units, limits)) {
    const joined = joinUnits(lines, units, group.from, group.to);
    chunks.push({
      kind: facts.kind,
      text: joined.text,
      headingPath: facts.headingPath,
      startLine: joined.startLine,
      endLine: joined.endLine,
      language: facts.language,
      tokenCount: joined.tokenCount,
      context: facts.context,
    });
  }
}
