/**
 * Markdown chunking: sections along headings, blocks packed within a section, code
 * blocks kept whole where they fit, and every code block also emitted as an example.
 * A section holding nothing but its heading is carried into the next section, so a
 * chapter title directly followed by a sub-heading does not become a chunk alone.
 * Consecutive short sections share a chunk: a section joins the ones before it while
 * they hold fewer than `mergeSectionsBelow` tokens and all of them fit the target (API
 * references are mostly sections of a few lines): fewer, fuller chunks index and search
 * faster and give the embedder more to go on. Such a chunk carries the heading
 * path the merged sections have in common; their own headings stay in its text.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { makeUnit } from './chunk-unit.js';
import { codeExampleChunks, exampleRunEnd } from './code-examples.js';
import { fenceUnits } from './fence-pieces.js';
import type { LineIndex } from './line-index.js';
import { scanMarkdownBlocks } from './markdown-blocks.js';
import { PROSE_LEVELS } from './range-splitter.js';
import { appendRangeUnits, appendSectionChunks } from './section-chunks.js';
import { estimateTokensInRange } from './token-estimate.js';

interface OpenHeading {
  readonly level: number;
  readonly title: string;
}

/** Finished sections waiting to be packed together: their units, tokens and common path. */
interface SectionRun {
  units: ChunkUnit[];
  tokens: number;
  headingPath: readonly string[];
}

function commonPrefix(first: readonly string[], second: readonly string[]): readonly string[] {
  let length = 0;
  while (length < first.length && length < second.length && first[length] === second[length]) {
    length++;
  }
  return length === first.length ? first : first.slice(0, length);
}

function unitTokens(units: readonly ChunkUnit[]): number {
  let tokens = 0;
  for (const unit of units) tokens += unit.tokens;
  return tokens;
}

/** Text chunks and code-example chunks of a Markdown document, each list in line order. */
export interface MarkdownChunks {
  readonly text: PendingChunk[];
  readonly examples: PendingChunk[];
}

/** Chunks a Markdown document. */
export function chunkMarkdown(
  lines: LineIndex,
  language: string,
  limits: ChunkLimits,
): MarkdownChunks {
  const text = lines.text;
  const blocks = scanMarkdownBlocks(lines);
  const chunks: PendingChunk[] = [];
  const examples: PendingChunk[] = [];
  const headings: OpenHeading[] = [];
  // Estimated tokens per block, filled as blocks are reached (code examples look back).
  const blockTokens: number[] = [];
  let headingPath: readonly string[] = [];
  let units: ChunkUnit[] = [];
  let sectionHasBody = false;
  let run: SectionRun | null = null;
  // The last fence already inside an example (a run of adjacent fences is one example).
  let exampleCoveredUntil = -1;
  const packRun = (): void => {
    if (run === null) return;
    const facts = { kind: 'text' as const, language, headingPath: run.headingPath, context: '' };
    appendSectionChunks(lines, run.units, facts, limits, chunks);
    run = null;
  };
  const flush = (): void => {
    if (units.length === 0) return;
    const tokens = unitTokens(units);
    if (
      run !== null &&
      run.tokens < limits.mergeSectionsBelow &&
      run.tokens + tokens <= limits.targetTokens
    ) {
      run.units.push(...units);
      run.tokens += tokens;
      run.headingPath = commonPrefix(run.headingPath, headingPath);
    } else {
      packRun();
      run = { units, tokens, headingPath };
    }
    units = [];
    sectionHasBody = false;
  };
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (block.kind === 'heading') {
      if (sectionHasBody) flush();
      while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) {
        headings.pop();
      }
      headings.push({ level: block.level, title: block.title });
      headingPath = headings.map((heading) => heading.title);
      blockTokens[index] = 0;
      appendRangeUnits(
        text,
        makeUnit(text, block.start, block.end),
        PROSE_LEVELS,
        limits,
        false,
        units,
      );
      continue;
    }
    sectionHasBody = true;
    const known = blockTokens[index];
    const whole =
      known === undefined
        ? makeUnit(text, block.start, block.end)
        : { start: block.start, end: block.end, tokens: known, prefix: '', suffix: '' };
    blockTokens[index] = whole.tokens;
    if (block.kind === 'prose') {
      appendRangeUnits(text, whole, PROSE_LEVELS, limits, false, units);
      continue;
    }
    if (whole.tokens <= limits.maxTokens) units.push(whole);
    else units.push(...fenceUnits(lines, block, limits));
    if (index + 1 < blocks.length && blocks[index + 1]!.kind === 'prose') {
      const next = blocks[index + 1]!;
      blockTokens[index + 1] = estimateTokensInRange(text, next.start, next.end);
    }
    if (index > exampleCoveredUntil) {
      const last = exampleRunEnd(lines, blocks, blockTokens, index, limits);
      examples.push(
        ...codeExampleChunks(lines, blocks, blockTokens, index, last, headingPath, limits),
      );
      exampleCoveredUntil = last;
    }
  }
  flush();
  packRun();
  return { text: chunks, examples };
}
