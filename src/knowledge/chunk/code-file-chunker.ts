/**
 * Chunking of source files: top-level declarations with their documentation, small
 * neighbours packed together, large containers (classes, impls, modules) split into
 * their members, anything still too large split at blank lines, then lines. Languages
 * without rules fall back to blank-line paragraphs that keep their indentation.
 */

import type { ChunkLimits, PendingChunk } from './chunk-options.js';
import type { ChunkUnit } from './chunk-unit.js';
import { joinUnits, makeUnit } from './chunk-unit.js';
import type { CodeLanguageRules } from './code-language-rules.js';
import { codeLanguageRules } from './code-language-rules.js';
import type { CodeSegment } from './code-segments.js';
import { memberSegments, topLevelSegments } from './code-segments.js';
import type { LineIndex } from './line-index.js';
import { chunkParagraphs } from './plain-text-chunker.js';
import { CODE_LEVELS, splitRange } from './range-splitter.js';
import { appendSectionChunks } from './section-chunks.js';
import { packUnits } from './unit-packer.js';

/** Containers nest at most this deep: namespace > class > member. */
const DEEPEST_NESTING = 3;
/** A chunk's heading lists at most this many packed declarations by name. */
const MOST_NAMES = 4;

interface CodeChunking {
  readonly lines: LineIndex;
  readonly rules: CodeLanguageRules;
  readonly language: string;
  readonly limits: ChunkLimits;
  readonly chunks: PendingChunk[];
}

function segmentUnit(lines: LineIndex, segment: CodeSegment): ChunkUnit {
  return makeUnit(lines.text, lines.start(segment.firstLine), lines.lastNonBlank(segment.lastLine));
}

function namesOf(segments: readonly CodeSegment[]): string {
  const names = segments.map((segment) => segment.name).filter((name) => name !== '');
  if (names.length <= MOST_NAMES) return names.join(', ');
  return `${names.slice(0, MOST_NAMES).join(', ')} +${names.length - MOST_NAMES} more`;
}

/** Packs small segments side by side and emits their chunks. */
function emitPacked(
  job: CodeChunking,
  segments: readonly CodeSegment[],
  units: readonly ChunkUnit[],
  parentPath: readonly string[],
): void {
  for (const group of packUnits(job.lines.text, units, job.limits)) {
    const members = segments.slice(group.from, group.to);
    const names = namesOf(members);
    const joined = joinUnits(job.lines, units, group.from, group.to);
    job.chunks.push({
      kind: 'code',
      text: joined.text,
      headingPath: names === '' ? parentPath : [...parentPath, names],
      startLine: joined.startLine,
      endLine: joined.endLine,
      language: job.language,
      tokenCount: joined.tokenCount,
      context: members.find((member) => member.context !== '')?.context ?? '',
    });
  }
}

/** Splits one segment too large for a chunk: into members if it has some, else by lines. */
function emitLarge(
  job: CodeChunking,
  segment: CodeSegment,
  parentPath: readonly string[],
  depth: number,
): void {
  const path = segment.name === '' ? parentPath : [...parentPath, segment.name];
  const members = depth < DEEPEST_NESTING ? memberSegments(job.lines, segment, job.rules) : null;
  if (members !== null) {
    emitSegments(job, members, path, depth + 1);
    return;
  }
  const text = job.lines.text;
  const start = job.lines.start(segment.firstLine);
  const end = job.lines.lastNonBlank(segment.lastLine);
  const units = splitRange(text, start, end, CODE_LEVELS, job.limits, true);
  const facts = {
    kind: 'code' as const,
    language: job.language,
    headingPath: path,
    context: segment.context,
  };
  appendSectionChunks(job.lines, units, facts, job.limits, job.chunks);
}

function emitSegments(
  job: CodeChunking,
  segments: readonly CodeSegment[],
  parentPath: readonly string[],
  depth: number,
): void {
  let pending: CodeSegment[] = [];
  let pendingUnits: ChunkUnit[] = [];
  for (const segment of segments) {
    const unit = segmentUnit(job.lines, segment);
    if (unit.tokens <= job.limits.maxTokens) {
      pending.push(segment);
      pendingUnits.push(unit);
      continue;
    }
    emitPacked(job, pending, pendingUnits, parentPath);
    pending = [];
    pendingUnits = [];
    emitLarge(job, segment, parentPath, depth);
  }
  emitPacked(job, pending, pendingUnits, parentPath);
}

/**
 * The file's head (license, package line, imports) joined to its first declaration,
 * unless that would push a declaration that fits over the maximum: imports alone make
 * a poor search result, and next to the code that uses them they tell what it
 * depends on. A declaration too large anyway takes the head into its first piece.
 */
function withHeadJoined(
  lines: LineIndex,
  segments: CodeSegment[],
  limits: ChunkLimits,
): CodeSegment[] {
  const [head, first] = segments;
  if (head === undefined || first === undefined || head.declarationLine >= 0) return segments;
  const joined: CodeSegment = { ...first, firstLine: head.firstLine };
  const fits = (segment: CodeSegment): boolean =>
    segmentUnit(lines, segment).tokens <= limits.maxTokens;
  if (!fits(joined) && fits(first)) return segments;
  return [joined, ...segments.slice(2)];
}

/** Chunks a source file in `language`. */
export function chunkCodeFile(
  lines: LineIndex,
  language: string,
  limits: ChunkLimits,
): PendingChunk[] {
  const chunks: PendingChunk[] = [];
  const rules = codeLanguageRules(language);
  if (rules === null) {
    const facts = { kind: 'code' as const, language, headingPath: [], context: '' };
    chunkParagraphs(lines, 0, lines.count - 1, facts, CODE_LEVELS, true, limits, chunks);
    return chunks;
  }
  const segments = withHeadJoined(lines, topLevelSegments(lines, rules), limits);
  emitSegments({ lines, rules, language, limits, chunks }, segments, [], 1);
  return chunks;
}
