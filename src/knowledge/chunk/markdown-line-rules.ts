/**
 * Recognisers for the few Markdown line shapes the chunker cares about: fences,
 * ATX headings, setext underlines and front matter delimiters. Each looks at one
 * line by offsets, without slicing, following CommonMark where it matters.
 */

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const EQUALS = 61;
const DASH = 45;

/** The opening line of a fenced code block. */
export interface FenceOpening {
  /** Character code of the fence: backtick or tilde. */
  readonly marker: number;
  /** Number of fence characters; the closing fence needs at least as many. */
  readonly length: number;
  /** Columns of indentation before the fence, removed from the code lines. */
  readonly indent: number;
  /** The info string after the fence, trimmed (`ts title="x"`). */
  readonly info: string;
}

function skipSpaces(text: string, position: number, end: number): number {
  while (position < end) {
    const code = text.charCodeAt(position);
    if (code !== SPACE && code !== TAB) break;
    position++;
  }
  return position;
}

function runLength(text: string, position: number, end: number, code: number): number {
  let length = 0;
  while (position + length < end && text.charCodeAt(position + length) === code) length++;
  return length;
}

/**
 * A fence opening on the line `[lineStart, lineEnd)`, or null. Any indentation is
 * accepted (fences nested in list items are common); a backtick fence's info string
 * may not contain a backtick, so inline code like "``` a ```" is not a fence.
 */
export function parseFenceOpening(
  text: string,
  lineStart: number,
  lineEnd: number,
): FenceOpening | null {
  const first = skipSpaces(text, lineStart, lineEnd);
  const marker = text.charCodeAt(first);
  if (marker !== BACKTICK && marker !== TILDE) return null;
  const length = runLength(text, first, lineEnd, marker);
  if (length < 3) return null;
  const info = text.slice(first + length, lineEnd).trim();
  if (marker === BACKTICK && info.includes('`')) return null;
  return { marker, length, indent: first - lineStart, info };
}

/** True when `[lineStart, lineEnd)` closes a fence opened by `opening`. */
export function isFenceClosing(
  text: string,
  lineStart: number,
  lineEnd: number,
  opening: FenceOpening,
): boolean {
  const first = skipSpaces(text, lineStart, lineEnd);
  const length = runLength(text, first, lineEnd, opening.marker);
  if (length < opening.length) return false;
  return skipSpaces(text, first + length, lineEnd) === lineEnd;
}

/** An ATX heading: its level and raw title. */
export interface AtxHeading {
  readonly level: number;
  readonly title: string;
}

/**
 * An ATX heading (`## Title ##`) starting at `first` (the line's first non-blank,
 * at most three columns in), or null. The optional closing hashes are dropped.
 */
export function parseAtxHeading(text: string, first: number, lineEnd: number): AtxHeading | null {
  const level = runLength(text, first, lineEnd, HASH);
  if (level < 1 || level > 6) return null;
  const afterHashes = first + level;
  if (afterHashes < lineEnd) {
    const code = text.charCodeAt(afterHashes);
    if (code !== SPACE && code !== TAB) return null;
  }
  let end = lineEnd;
  while (end > afterHashes && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  let closing = end;
  while (closing > afterHashes && text.charCodeAt(closing - 1) === HASH) closing--;
  if (closing === afterHashes || isSpaceOrTab(text.charCodeAt(closing - 1))) end = closing;
  return { level, title: text.slice(afterHashes, end).trim() };
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** The setext level (1 for `===`, 2 for `---`) of an underline starting at `first`, or 0. */
export function setextLevel(text: string, first: number, lineEnd: number): number {
  const marker = text.charCodeAt(first);
  if (marker !== EQUALS && marker !== DASH) return 0;
  const length = runLength(text, first, lineEnd, marker);
  if (skipSpaces(text, first + length, lineEnd) !== lineEnd) return 0;
  return marker === EQUALS ? 1 : 2;
}

/**
 * True when a paragraph starting at `first` is a list item, quote or table row: a
 * `---` under it is then a thematic break, not a setext underline.
 */
export function startsContainerLine(text: string, first: number, lineEnd: number): boolean {
  const code = text.charCodeAt(first);
  if (code === 62 || code === 124) return true; // > |
  if (code === DASH || code === 42 || code === 43) {
    const next = first + 1;
    return next === lineEnd || isSpaceOrTab(text.charCodeAt(next));
  }
  let position = first;
  while (position < lineEnd && text.charCodeAt(position) >= 48 && text.charCodeAt(position) <= 57) {
    position++;
  }
  if (position === first || position >= lineEnd) return false;
  const mark = text.charCodeAt(position);
  return mark === 46 || mark === 41; // . )
}

/** The delimiter that closes front matter opened by this line (`---`, `+++`), or null. */
export function frontMatterOpening(
  text: string,
  lineStart: number,
  lineEnd: number,
): string | null {
  let start = lineStart;
  if (text.charCodeAt(start) === 0xfeff) start++;
  const line = text.slice(start, lineEnd).trimEnd();
  if (line === '---') return '---';
  if (line === '+++') return '+++';
  return null;
}

/** True when the line closes front matter opened with `opening`. */
export function isFrontMatterClosing(
  text: string,
  lineStart: number,
  lineEnd: number,
  opening: string,
): boolean {
  const line = text.slice(lineStart, lineEnd).trimEnd();
  return line === opening || (opening === '---' && line === '...');
}

/**
 * A heading's text for a breadcrumb: links and images reduced to their text, inline
 * code and emphasis markers and HTML tags removed, whitespace collapsed.
 */
export function headingTitle(raw: string): string {
  if (!/[[`*_<!]/.test(raw)) return raw.replace(/\s+/g, ' ').trim();
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`+/g, '')
    .replace(/(\*\*|__|\*|\b_|_\b)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
