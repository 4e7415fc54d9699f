/**
 * Cuts code into declaration segments by lines: top-level declarations at column 0,
 * or the members one indentation level inside a declaration too large for one chunk.
 * Each segment starts at the comments, decorators and attributes attached above its
 * declaration (no blank line between), so documentation travels with the code.
 */

import { declarationName } from './code-declaration-names.js';
import { declarationDocumentation } from './code-doc-comments.js';
import type { CodeLanguageRules } from './code-language-rules.js';
import type { LineIndex } from './line-index.js';

export interface CodeSegment {
  /** First line, attached comments and decorators included (0-based). */
  readonly firstLine: number;
  /** Last non-blank line (0-based). */
  readonly lastLine: number;
  /** The declaration's own line, or -1 for a preamble (imports) or a class header. */
  readonly declarationLine: number;
  /** Short declaration name, '' when none. */
  readonly name: string;
  /** Documentation of the declaration, '' when none. */
  readonly context: string;
}

/** Declarations longer than this on one line are not recognised (minified code). */
const LONGEST_DECLARATION_LINE = 500;
/** How far up a multi-line decorator (`@Component({ ... })`) is followed. */
const LONGEST_DECORATOR_LINES = 50;
const CLOSING_LINE = /^[)\]}]/;
const CONTINUATION_START =
  /^(?:[{}()[\].]|else\b|elif\b|except\b|finally\b|catch\b|end\b|rescue\b|ensure\b|when\b)/;
const CONTINUATION_END = /[,([=+\-*/&|\\.?]$/;

function indentation(lines: LineIndex, line: number): number {
  return lines.firstNonBlank(line) - lines.start(line);
}

function content(lines: LineIndex, line: number): string {
  return lines.text.slice(lines.firstNonBlank(line), lines.lastNonBlank(line));
}

/**
 * The declaration's header for naming: its line, joined with the next one when the
 * line does not end like a header (`static int` above `add(int a, int b)` in C).
 */
function headerText(lines: LineIndex, declaration: number, lastLine: number): string {
  const line = content(lines, declaration);
  if (/[{}();:,=]$/.test(line) || declaration >= lastLine) return line;
  return `${line} ${content(lines, declaration + 1)}`;
}

function isAttachable(text: string, rules: CodeLanguageRules): boolean {
  return rules.comment.test(text) || rules.decorator?.test(text) === true;
}

/**
 * The first line of the comments and decorators attached above `declarationLine`,
 * not going above `floor`. Follows a multi-line decorator up from its closing line.
 */
function attachedStart(
  lines: LineIndex,
  declarationLine: number,
  floor: number,
  indent: number,
  rules: CodeLanguageRules,
): number {
  let first = declarationLine;
  let line = declarationLine - 1;
  while (line >= floor && !lines.isBlank(line)) {
    const lineIndent = indentation(lines, line);
    const text = content(lines, line);
    if (lineIndent >= indent && isAttachable(text, rules)) {
      first = line;
      line--;
      continue;
    }
    const decoratorStart =
      lineIndent === indent && rules.decorator !== null && CLOSING_LINE.test(text)
        ? findDecoratorOpening(lines, line, floor, indent, rules.decorator)
        : -1;
    if (decoratorStart < 0) break;
    first = decoratorStart;
    line = decoratorStart - 1;
  }
  return first;
}

function findDecoratorOpening(
  lines: LineIndex,
  closingLine: number,
  floor: number,
  indent: number,
  decorator: RegExp,
): number {
  const limit = Math.max(floor, closingLine - LONGEST_DECORATOR_LINES);
  for (let line = closingLine - 1; line >= limit && !lines.isBlank(line); line--) {
    if (indentation(lines, line) !== indent) continue;
    const text = content(lines, line);
    if (decorator.test(text)) return line;
    if (!CLOSING_LINE.test(text)) return -1;
  }
  return -1;
}

function lastNonBlankLine(lines: LineIndex, from: number, to: number): number {
  let line = to;
  while (line > from && lines.isBlank(line)) line--;
  return line;
}

/** Segments from declaration lines; lines before the first one form an unnamed head segment. */
function segmentsFromStarts(
  lines: LineIndex,
  declarations: readonly number[],
  firstLine: number,
  lastLine: number,
  indent: number,
  rules: CodeLanguageRules,
  head: { readonly floor: number; readonly context: string },
): CodeSegment[] {
  const firsts: number[] = [];
  let floor = head.floor;
  for (const declaration of declarations) {
    firsts.push(attachedStart(lines, declaration, floor, indent, rules));
    floor = declaration + 1;
  }
  const segments: CodeSegment[] = [];
  const headEnd = (firsts[0] ?? lastLine + 1) - 1;
  if (headEnd >= firstLine && !isAllBlank(lines, firstLine, headEnd)) {
    const last = lastNonBlankLine(lines, firstLine, headEnd);
    segments.push({
      firstLine,
      lastLine: last,
      declarationLine: -1,
      name: '',
      context: head.context,
    });
  }
  declarations.forEach((declaration, index) => {
    const first = firsts[index] as number;
    const end = index + 1 < firsts.length ? (firsts[index + 1] as number) - 1 : lastLine;
    const last = lastNonBlankLine(lines, declaration, end);
    segments.push({
      firstLine: first,
      lastLine: last,
      declarationLine: declaration,
      name: declarationName(headerText(lines, declaration, last), rules.nameKeywords),
      context: declarationDocumentation(lines, first, declaration, last, rules),
    });
  });
  return segments;
}

function isAllBlank(lines: LineIndex, from: number, to: number): boolean {
  for (let line = from; line <= to; line++) if (!lines.isBlank(line)) return false;
  return true;
}

/** Top-level segments of a whole file: declarations starting at column 0. */
export function topLevelSegments(lines: LineIndex, rules: CodeLanguageRules): CodeSegment[] {
  const text = lines.text;
  const declarations: number[] = [];
  for (let line = 0; line < lines.count; line++) {
    const start = lines.start(line);
    const end = lines.end(line);
    if (start === end || end - start > LONGEST_DECLARATION_LINE) continue;
    const code = text.charCodeAt(start);
    if (code === 32 || code === 9) continue;
    const lineText = text.slice(start, end);
    if (rules.declaration.test(lineText) && !isAttachable(lineText, rules)) declarations.push(line);
  }
  return segmentsFromStarts(lines, declarations, 0, lines.count - 1, 0, rules, {
    floor: 0,
    context: '',
  });
}

function isMemberStart(
  lines: LineIndex,
  line: number,
  memberIndent: number,
  floor: number,
  rules: CodeLanguageRules,
): boolean {
  if (lines.isBlank(line) || indentation(lines, line) !== memberIndent) return false;
  const text = content(lines, line);
  if (isAttachable(text, rules) || CONTINUATION_START.test(text)) return false;
  let previous = line - 1;
  while (
    previous > floor &&
    !lines.isBlank(previous) &&
    isAttachable(content(lines, previous), rules)
  ) {
    previous--;
  }
  if (previous < floor || lines.isBlank(previous)) return true;
  if (isAttachable(content(lines, previous), rules)) return true;
  return (
    indentation(lines, previous) <= memberIndent && !CONTINUATION_END.test(content(lines, previous))
  );
}

/** Declarations whose bodies hold members worth their own chunks. */
const CONTAINERS =
  /^(?:class|interface|struct|impl|trait|mod|module|namespace|object|extension|protocol|enum|record|actor|describe|suite)\b/;

/**
 * Segments one level inside `segment`: an unnamed header (signature, fields before
 * the first member), then one segment per member. Null when the body has no members.
 */
export function memberSegments(
  lines: LineIndex,
  segment: CodeSegment,
  rules: CodeLanguageRules,
): CodeSegment[] | null {
  const declaration = segment.declarationLine;
  if (declaration < 0 || !CONTAINERS.test(segment.name)) return null;
  const outerIndent = indentation(lines, declaration);
  let memberIndent = Number.POSITIVE_INFINITY;
  for (let line = declaration + 1; line <= segment.lastLine; line++) {
    if (lines.isBlank(line)) continue;
    const lineIndent = indentation(lines, line);
    if (lineIndent > outerIndent && lineIndent < memberIndent) memberIndent = lineIndent;
  }
  if (memberIndent === Number.POSITIVE_INFINITY) return null;
  const starts: number[] = [];
  for (let line = declaration + 1; line <= segment.lastLine; line++) {
    if (isMemberStart(lines, line, memberIndent, declaration, rules)) starts.push(line);
  }
  if (starts.length === 0) return null;
  const segments = segmentsFromStarts(
    lines,
    starts,
    segment.firstLine,
    segment.lastLine,
    memberIndent,
    rules,
    { floor: declaration + 1, context: segment.context },
  );
  return segments.length > 1 ? segments : null;
}
