/**
 * The documentation of a declaration, as a code chunk's context: the comment lines
 * attached above it with their markers stripped (decorators left out), or for Python
 * the docstring under the signature. Lines are taken while they fit the context
 * budget, measured on the document itself (see context-text.ts for why).
 */

import type { CodeLanguageRules } from './code-language-rules.js';
import { CONTEXT_TOKENS, truncateRange } from './context-text.js';
import type { LineIndex } from './line-index.js';
import { estimateTokensInRange } from './token-estimate.js';

const COMMENT_MARKERS = /^(?:\/\*\*?|\*\/|\*(?!\/)|\/\/[/!]?|#+)\s?/;
const DOCSTRING_OPENING = /^[rRuUbBfF]{0,2}("""|''')/;
/** How far below a Python declaration its signature may end. */
const LONGEST_SIGNATURE_LINES = 30;

function lineContent(lines: LineIndex, line: number): string {
  return lines.text.slice(lines.firstNonBlank(line), lines.lastNonBlank(line));
}

/** Collects documentation lines while they fit the context budget. */
class DocumentationLines {
  private readonly kept: string[] = [];
  private tokens = 0;

  constructor(private readonly lines: LineIndex) {}

  /** Adds `line` with `clean` applied; false once the budget is spent. */
  add(line: number, clean: (content: string) => string): boolean {
    const lines = this.lines;
    const start = lines.firstNonBlank(line);
    let end = lines.lastNonBlank(line);
    const tokens = estimateTokensInRange(lines.text, start, end);
    if (this.tokens + tokens > CONTEXT_TOKENS) {
      if (this.kept.length > 0) return false;
      end = truncateRange(lines.text, start, end, CONTEXT_TOKENS, 'head', tokens)[1];
    }
    this.tokens += tokens;
    const cleaned = clean(lines.text.slice(start, end)).trim();
    if (cleaned !== '') this.kept.push(cleaned);
    return this.tokens <= CONTEXT_TOKENS;
  }

  toString(): string {
    return this.kept.join('\n');
  }
}

const stripMarkers = (content: string): string =>
  content.replace(COMMENT_MARKERS, '').replace(/\s*\*\/$/, '');

/** Comment lines in `[firstLine, declarationLine)`, without markers. */
function commentAbove(
  lines: LineIndex,
  firstLine: number,
  declarationLine: number,
  rules: CodeLanguageRules,
): string {
  const documentation = new DocumentationLines(lines);
  for (let line = firstLine; line < declarationLine; line++) {
    const content = lineContent(lines, line);
    if (rules.decorator?.test(content) === true || !rules.comment.test(content)) continue;
    if (!documentation.add(line, stripMarkers)) break;
  }
  return documentation.toString();
}

/** The docstring opening the body of the Python declaration on `declarationLine`, or ''. */
function docstringBelow(lines: LineIndex, declarationLine: number, lastLine: number): string {
  let line = declarationLine;
  const signatureLimit = Math.min(lastLine, declarationLine + LONGEST_SIGNATURE_LINES);
  while (line <= signatureLimit && !/:\s*(#.*)?$/.test(lineContent(lines, line))) line++;
  line++;
  while (line <= lastLine && lines.isBlank(line)) line++;
  if (line > lastLine) return '';
  const opening = DOCSTRING_OPENING.exec(lineContent(lines, line));
  if (opening === null) return '';
  const quote = opening[1] as string;
  const documentation = new DocumentationLines(lines);
  let first = true;
  for (; line <= lastLine; line++) {
    let closed = false;
    const clean = (content: string): string => {
      const body = first ? content.slice((opening[0] as string).length) : content;
      const closing = body.indexOf(quote);
      closed = closing >= 0;
      return closed ? body.slice(0, closing) : body;
    };
    if (!documentation.add(line, clean) || closed) break;
    first = false;
  }
  return documentation.toString();
}

/** The documentation of the declaration whose attached lines start at `firstLine`. */
export function declarationDocumentation(
  lines: LineIndex,
  firstLine: number,
  declarationLine: number,
  lastLine: number,
  rules: CodeLanguageRules,
): string {
  const documentation = commentAbove(lines, firstLine, declarationLine, rules);
  if (documentation !== '' || !rules.docstrings) return documentation;
  return docstringBelow(lines, declarationLine, lastLine);
}
