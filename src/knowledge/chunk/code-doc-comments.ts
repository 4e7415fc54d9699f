/**
 * The documentation of a declaration, as a code chunk's context: the comment lines
 * attached above it with their markers stripped (decorators left out), or for Python
 * the docstring under the signature.
 */

import type { CodeLanguageRules } from './code-language-rules.js';
import { CONTEXT_TOKENS, truncateToTokens } from './context-text.js';
import type { LineIndex } from './line-index.js';

const COMMENT_MARKERS = /^(?:\/\*\*?|\*\/|\*(?!\/)|\/\/[/!]?|#+)\s?/;
const DOCSTRING_OPENING = /^[rRuUbBfF]{0,2}("""|''')/;
/** How far below a Python declaration its signature may end. */
const LONGEST_SIGNATURE_LINES = 30;

function lineContent(lines: LineIndex, line: number): string {
  return lines.text.slice(lines.firstNonBlank(line), lines.lastNonBlank(line));
}

/** Comment lines in `[firstLine, declarationLine)`, without markers, within the context budget. */
function commentAbove(
  lines: LineIndex,
  firstLine: number,
  declarationLine: number,
  rules: CodeLanguageRules,
): string {
  const kept: string[] = [];
  for (let line = firstLine; line < declarationLine; line++) {
    const content = lineContent(lines, line);
    if (rules.decorator?.test(content) === true || !rules.comment.test(content)) continue;
    const stripped = content
      .replace(COMMENT_MARKERS, '')
      .replace(/\s*\*\/$/, '')
      .trim();
    if (stripped !== '') kept.push(stripped);
  }
  return kept.join('\n');
}

/** The docstring opening the body of the Python declaration on `declarationLine`, or ''. */
function docstringBelow(lines: LineIndex, declarationLine: number, lastLine: number): string {
  let line = declarationLine;
  const signatureLimit = Math.min(lastLine, declarationLine + LONGEST_SIGNATURE_LINES);
  while (line <= signatureLimit && !/:\s*(#.*)?$/.test(lineContent(lines, line))) line++;
  line++;
  while (line <= lastLine && lines.isBlank(line)) line++;
  if (line > lastLine) return '';
  const first = lineContent(lines, line);
  const opening = DOCSTRING_OPENING.exec(first);
  if (opening === null) return '';
  const quote = opening[1] as string;
  const afterOpening = first.slice(opening[0].length);
  const closingOnFirst = afterOpening.indexOf(quote);
  if (closingOnFirst >= 0) return afterOpening.slice(0, closingOnFirst).trim();
  const parts = [afterOpening];
  for (let next = line + 1; next <= lastLine; next++) {
    const content = lineContent(lines, next);
    const closing = content.indexOf(quote);
    if (closing >= 0) {
      parts.push(content.slice(0, closing));
      break;
    }
    parts.push(content);
  }
  return parts.join('\n').trim();
}

/** The documentation of the declaration whose attached lines start at `firstLine`. */
export function declarationDocumentation(
  lines: LineIndex,
  firstLine: number,
  declarationLine: number,
  lastLine: number,
  rules: CodeLanguageRules,
): string {
  let documentation = commentAbove(lines, firstLine, declarationLine, rules);
  if (documentation === '' && rules.docstrings) {
    documentation = docstringBelow(lines, declarationLine, lastLine);
  }
  return documentation === '' ? '' : truncateToTokens(documentation, CONTEXT_TOKENS, 'head');
}
