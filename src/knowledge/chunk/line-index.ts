/**
 * Line starts of a document, so chunkers can walk lines without splitting the text
 * and turn any offset back into the 1-based line a citation needs.
 */

const NEWLINE = 10;

/** Offsets of every line of a text; lines are 0-based here, 1-based only in chunks. */
export class LineIndex {
  readonly text: string;
  private readonly starts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      starts.push(newline + 1);
      newline = text.indexOf('\n', newline + 1);
    }
    this.starts = starts;
  }

  /** Number of lines; a trailing newline opens one last empty line. */
  get count(): number {
    return this.starts.length;
  }

  /** Offset of the first character of `line`. */
  start(line: number): number {
    return this.starts[line] as number;
  }

  /** Offset just past the last character of `line`, before its newline. */
  end(line: number): number {
    return line + 1 < this.starts.length ? (this.starts[line + 1] as number) - 1 : this.text.length;
  }

  /** The 0-based line holding `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** True when `line` holds only spaces and tabs. */
  isBlank(line: number): boolean {
    return this.firstNonBlank(line) === this.end(line);
  }

  /** Offset of the first character of `line` that is not a space or tab (its end if none). */
  firstNonBlank(line: number): number {
    const end = this.end(line);
    let position = this.starts[line] as number;
    while (position < end) {
      const code = this.text.charCodeAt(position);
      if (code !== 32 && code !== 9) break;
      position++;
    }
    return position;
  }

  /** Offset just past the last non-whitespace character of `line` (its start if none). */
  lastNonBlank(line: number): number {
    const start = this.starts[line] as number;
    let position = this.end(line);
    while (position > start && isWhitespace(this.text.charCodeAt(position - 1))) position--;
    return position;
  }
}

/** Space, tab, carriage return, form feed, vertical tab or newline. */
export function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === NEWLINE;
}
