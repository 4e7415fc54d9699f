/**
 * Tells binary files from text by sniffing their first bytes, the way git and grep do,
 * so that images or compiled objects with a text-like name never reach the chunker.
 */

/** How many leading bytes are inspected. */
export const binarySniffBytes = 8 * 1024;

/** Share of control characters above which a sample is treated as binary. */
const maximumControlShare = 0.1;

/**
 * True when the first {@link binarySniffBytes} bytes contain a NUL byte, or when more than
 * a tenth of them are control characters other than tab, line feed, vertical tab, form
 * feed, carriage return, backspace and escape (which colored logs use).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, binarySniffBytes);
  let controls = 0;
  for (let index = 0; index < end; index += 1) {
    const byte = bytes[index] as number;
    if (byte >= 0x20 && byte !== 0x7f) continue;
    if (byte === 0) return true;
    if (isTextControl(byte)) continue;
    controls += 1;
  }
  return end > 0 && controls / end > maximumControlShare;
}

function isTextControl(byte: number): boolean {
  return (byte >= 0x08 && byte <= 0x0d) || byte === 0x1b;
}
