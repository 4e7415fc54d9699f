/**
 * Copies a string's UTF-16 code units into a reusable typed array with one native
 * call. Scanning the array is faster than `charCodeAt`, and equally fast whatever
 * the string's internal shape: chunk texts are usually slices of a larger document,
 * on which `charCodeAt` costs about a fifth more.
 */

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A reusable buffer of code units. Not reentrant: one text at a time. */
export class CharacterCodes {
  private buffer = new Uint16Array(1 << 14);
  private bytes = Buffer.from(this.buffer.buffer);

  /** The code units of `text`, valid until the next call (indices past the text are stale). */
  load(text: string): Uint16Array {
    if (text.length > this.buffer.length) {
      this.buffer = new Uint16Array(Math.max(text.length, this.buffer.length * 2));
      this.bytes = Buffer.from(this.buffer.buffer);
    }
    if (littleEndian) {
      this.bytes.write(text, 0, 'utf16le');
    } else {
      for (let index = 0; index < text.length; index++) this.buffer[index] = text.charCodeAt(index);
    }
    return this.buffer;
  }
}
