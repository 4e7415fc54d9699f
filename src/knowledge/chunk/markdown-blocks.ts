/**
 * A single-pass line scanner that cuts Markdown into the blocks the chunker packs:
 * headings (ATX and setext), fenced code blocks, and prose (paragraphs, lists,
 * tables, quotes: any run of non-blank lines). Front matter is skipped. It is not a
 * full CommonMark parser: it only needs to know where it may cut, and it must be fast.
 */

import type { LineIndex } from './line-index.js';
import type { FenceOpening } from './markdown-line-rules.js';
import {
  frontMatterOpening,
  headingTitle,
  isFenceClosing,
  isFrontMatterClosing,
  parseAtxHeading,
  parseFenceOpening,
  setextLevel,
  startsContainerLine,
} from './markdown-line-rules.js';

/** A fenced code block: where its parts are, 0-based lines. */
export interface FenceBlock {
  readonly opening: FenceOpening;
  /** The opening fence line, trimmed. */
  readonly openingLine: string;
  /** The closing fence line, trimmed, or null when the fence runs to the end. */
  readonly closingLine: string | null;
  /** First and last line between the fences (last < first when empty). */
  readonly bodyFirstLine: number;
  readonly bodyLastLine: number;
}

export interface MarkdownBlock {
  readonly kind: 'heading' | 'prose' | 'fence';
  /** Offsets of the block's text, trimmed of surrounding whitespace. */
  readonly start: number;
  readonly end: number;
  /** 1 to 6 for headings, 0 otherwise. */
  readonly level: number;
  /** Cleaned heading text, '' otherwise. */
  readonly title: string;
  readonly fence: FenceBlock | null;
}

function firstLineAfterFrontMatter(lines: LineIndex): number {
  const text = lines.text;
  const opening = frontMatterOpening(text, lines.start(0), lines.end(0));
  if (opening === null) return 0;
  for (let line = 1; line < lines.count; line++) {
    if (isFrontMatterClosing(text, lines.start(line), lines.end(line), opening)) return line + 1;
  }
  return 0;
}

/** Cuts a Markdown text into blocks, in document order. */
export function scanMarkdownBlocks(lines: LineIndex): MarkdownBlock[] {
  const text = lines.text;
  const blocks: MarkdownBlock[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  let paragraphIsContainer = false;
  const closeParagraph = (): void => {
    if (paragraphStart < 0) return;
    blocks.push({
      kind: 'prose',
      start: paragraphStart,
      end: paragraphEnd,
      level: 0,
      title: '',
      fence: null,
    });
    paragraphStart = -1;
  };
  for (let line = firstLineAfterFrontMatter(lines); line < lines.count; line++) {
    const lineStart = lines.start(line);
    const lineEnd = lines.end(line);
    const first = lines.firstNonBlank(line);
    if (first === lineEnd) {
      closeParagraph();
      continue;
    }
    const code = text.charCodeAt(first);
    if (code === 96 || code === 126) {
      const opening = parseFenceOpening(text, lineStart, lineEnd);
      if (opening !== null) {
        closeParagraph();
        line = scanFence(lines, line, first, opening, blocks);
        continue;
      }
    }
    if (first - lineStart <= 3) {
      if (code === 35) {
        const heading = parseAtxHeading(text, first, lineEnd);
        if (heading !== null) {
          closeParagraph();
          const title = headingTitle(heading.title);
          blocks.push({
            kind: 'heading',
            start: first,
            end: lines.lastNonBlank(line),
            level: heading.level,
            title,
            fence: null,
          });
          continue;
        }
      }
      if (paragraphStart >= 0 && !paragraphIsContainer && (code === 61 || code === 45)) {
        const level = setextLevel(text, first, lineEnd);
        if (level > 0) {
          const title = headingTitle(text.slice(paragraphStart, paragraphEnd));
          blocks.push({
            kind: 'heading',
            start: paragraphStart,
            end: lines.lastNonBlank(line),
            level,
            title,
            fence: null,
          });
          paragraphStart = -1;
          continue;
        }
      }
    }
    if (paragraphStart < 0) {
      paragraphStart = first;
      paragraphIsContainer = startsContainerLine(text, first, lineEnd);
    }
    paragraphEnd = lines.lastNonBlank(line);
  }
  closeParagraph();
  return blocks;
}

/** Adds the fence opened on `line` and returns its last line (the end if unterminated). */
function scanFence(
  lines: LineIndex,
  line: number,
  first: number,
  opening: FenceOpening,
  blocks: MarkdownBlock[],
): number {
  const text = lines.text;
  const openingEnd = lines.lastNonBlank(line);
  let closing = -1;
  for (let candidate = line + 1; candidate < lines.count; candidate++) {
    if (isFenceClosing(text, lines.start(candidate), lines.end(candidate), opening)) {
      closing = candidate;
      break;
    }
  }
  const lastLine = closing >= 0 ? closing : lines.count - 1;
  let end = closing >= 0 ? lines.lastNonBlank(closing) : openingEnd;
  if (closing < 0) {
    for (let candidate = lastLine; candidate > line; candidate--) {
      if (!lines.isBlank(candidate)) {
        end = lines.lastNonBlank(candidate);
        break;
      }
    }
  }
  const fence: FenceBlock = {
    opening,
    openingLine: text.slice(first, openingEnd),
    closingLine:
      closing >= 0 ? text.slice(lines.firstNonBlank(closing), lines.lastNonBlank(closing)) : null,
    bodyFirstLine: line + 1,
    bodyLastLine: closing >= 0 ? closing - 1 : lastLine,
  };
  blocks.push({ kind: 'fence', start: first, end, level: 0, title: '', fence });
  return lastLine;
}
