/**
 * Line endings of an edited file are kept as they were: a CRLF file stays CRLF even
 * though the model writes `\n`, and a final line break is neither added nor lost.
 */

/** How a text breaks its lines. `none` for text without any line break. */
export type LineEndingStyle = 'lf' | 'crlf' | 'mixed' | 'none';

/** Counts `\r\n` against lone `\n`. */
export function detectLineEndings(text: string): LineEndingStyle {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf += 1;
    else lf += 1;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  return lf === 0 ? 'crlf' : 'mixed';
}

/** Every `\r\n` as `\n`. */
export function toLf(text: string): string {
  return text.replaceAll('\r\n', '\n');
}

/** Every line break as `\r\n` (existing `\r\n` stay single). */
export function toCrlf(text: string): string {
  return toLf(text).replaceAll('\n', '\r\n');
}

/** True when the text ends with a line break. */
export function endsWithLineBreak(text: string): boolean {
  return text.endsWith('\n');
}
