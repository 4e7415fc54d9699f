/**
 * Greedy packing of consecutive units into chunks: fill up to the target, never pass
 * the maximum. Two exceptions let a chunk grow past the target (still within the
 * maximum): while it is under half the target, so a heading or a one-line intro is
 * not left alone; and for a small last unit, so a section does not end in a crumb.
 */

import type { ChunkLimits } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { gapTokens } from './chunk-unit.js';

/** A run of units `[from, to)` that becomes one chunk. */
export interface UnitGroup {
  readonly from: number;
  readonly to: number;
}

/**
 * True when joining two units would put a repeated fence line on the same line as
 * other text: pieces of one long line of a split code block (no line break between
 * them) stay in separate chunks, each a valid code block.
 */
function breaksSyntheticLine(text: string, previous: ChunkUnit, unit: ChunkUnit): boolean {
  if (previous.suffix === '' && unit.prefix === '') return false;
  for (let position = previous.end; position < unit.start; position++) {
    if (text.charCodeAt(position) === 10) return false;
  }
  return true;
}

/** Groups `units` (each already within the maximum) into chunk-sized runs. */
export function packUnits(
  text: string,
  units: readonly ChunkUnit[],
  limits: ChunkLimits,
): UnitGroup[] {
  const groups: UnitGroup[] = [];
  const { targetTokens, maxTokens } = limits;
  let from = 0;
  let tokens = 0;
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as ChunkUnit;
    if (index === from) {
      tokens = unit.tokens;
      continue;
    }
    const previous = units[index - 1] as ChunkUnit;
    const total = tokens + gapTokens(text, previous, unit) + unit.tokens;
    const isSmallLast = index === units.length - 1 && unit.tokens < targetTokens / 4;
    const fits =
      !breaksSyntheticLine(text, previous, unit) &&
      (total <= targetTokens || (total <= maxTokens && (tokens < targetTokens / 2 || isSmallLast)));
    if (fits) {
      tokens = total;
      continue;
    }
    groups.push({ from, to: index });
    from = index;
    tokens = unit.tokens;
  }
  if (from < units.length) groups.push({ from, to: units.length });
  return groups;
}
