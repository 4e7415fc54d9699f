/**
 * A growable UTF-16 buffer the tokenizer writes lowercase terms into, decoded to one
 * string at the end. Building the FTS column this way avoids a string per term and
 * the cost of joining millions of them, which dominated an array-based tokenizer.
 */

const SPACE = 32;
const LOWERCASE_OFFSET = 32;

/**
 * Space-separated terms, written character by character. Not reentrant: one per call.
 * `characters` and `used` are public for the tokenizer's hot loop, which writes a
 * plain word while scanning it and rewinds `used` when the word is dropped.
 */
export class TermWriter {
  characters = new Uint16Array(1 << 14);
  used = 0;

  /** Empties the buffer for a new text, keeping its capacity. */
  reset(): void {
    this.used = 0;
  }

  /** Makes room for `extra` more characters. */
  reserve(extra: number): void {
    const needed = this.used + extra;
    if (needed <= this.characters.length) return;
    let capacity = this.characters.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint16Array(capacity);
    grown.set(this.characters.subarray(0, this.used));
    this.characters = grown;
  }

  /** Starts a new term: a space unless it is the first. */
  beginTerm(): void {
    if (this.used > 0) this.characters[this.used++] = SPACE;
  }

  /** Writes one character as is. */
  writeCharacter(code: number): void {
    this.characters[this.used++] = code;
  }

  /** Writes ASCII `codes[start, end)` lowercased. */
  writeAsciiLowercase(codes: Uint16Array, start: number, end: number): void {
    const characters = this.characters;
    let used = this.used;
    for (let position = start; position < end; position++) {
      const code = codes[position] as number;
      characters[used++] = code >= 65 && code <= 90 ? code + LOWERCASE_OFFSET : code;
    }
    this.used = used;
  }

  /** Writes `text[start, end)` through `toLowerCase`, which may change its length. */
  writeLowercase(text: string, start: number, end: number): void {
    const lowered = text.slice(start, end).toLowerCase();
    this.reserve(lowered.length);
    for (let index = 0; index < lowered.length; index++) {
      this.characters[this.used++] = lowered.charCodeAt(index);
    }
  }

  /** The terms written since the last reset. */
  toString(): string {
    const bytes = Buffer.from(this.characters.buffer, 0, this.used * 2);
    return bytes.toString('utf16le');
  }
}
