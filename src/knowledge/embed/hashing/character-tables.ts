/**
 * Per-code-unit lookup tables for the hashing embedder's tokenizer: the lowercase form
 * and the class of every UTF-16 code unit. ASCII is filled up front; other code units
 * are filled on first sight, so the hot loop never allocates a string to lowercase or
 * classify a character.
 */

/** A code unit that ends a word: whitespace, punctuation, symbols. */
export const separatorClass = 0;
/** A lowercase or caseless letter, or a combining mark. */
export const lowerClass = 1;
/** An uppercase or titlecase letter: may start a new camelCase part. */
export const upperClass = 2;
/** A digit: part of a word, never starts a new part. */
export const digitClass = 3;
/** `_`, `-` or `.`: splits an identifier into parts but keeps them one token. */
export const connectorClass = 4;

const unknownClass = 255;
const classes = new Uint8Array(65_536).fill(unknownClass);
const lowercase = new Uint16Array(65_536);
const filled = new Uint8Array(65_536);

const upperPattern = /^[\p{Lu}\p{Lt}]$/u;
const letterPattern = /^[\p{L}\p{M}]$/u;
const digitPattern = /^\p{N}$/u;

for (let code = 0; code < 128; code += 1) fill(code);

/** The class of one UTF-16 code unit (one of the `*Class` constants). */
export function classOf(code: number): number {
  const known = classes[code] as number;
  if (known !== unknownClass) return known;
  fill(code);
  return classes[code] as number;
}

/** The lowercase form of one UTF-16 code unit (the first unit when lowercasing expands). */
export function lowercaseOf(code: number): number {
  if (filled[code] === 0) fill(code);
  return lowercase[code] as number;
}

function fill(code: number): void {
  const character = String.fromCharCode(code);
  lowercase[code] = character.toLowerCase().charCodeAt(0);
  classes[code] = classify(code, character);
  filled[code] = 1;
}

function classify(code: number, character: string): number {
  if (code === 0x5f || code === 0x2d || code === 0x2e) return connectorClass;
  // Surrogate halves are kept as word characters so emoji and rare scripts yield features.
  if (code >= 0xd800 && code <= 0xdfff) return lowerClass;
  if (upperPattern.test(character)) return upperClass;
  if (letterPattern.test(character)) return lowerClass;
  if (digitPattern.test(character)) return digitClass;
  return separatorClass;
}
