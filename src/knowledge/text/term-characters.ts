/**
 * Character classes for the lexical tokenizer, kept in a lookup table so the scanner
 * classifies each UTF-16 code unit with one array read instead of a regex.
 */

/** a-z */
export const LOWER = 1;
/** A-Z */
export const UPPER = 2;
/** 0-9 */
export const DIGIT = 4;
/** `_`: joins identifier parts. */
export const UNDERSCORE = 8;
/** `.`, `-`, `:`: join identifier parts only when a word character follows. */
export const CONNECTOR = 16;
/** A non-ASCII letter, digit or mark: part of a word, never a case boundary. */
export const OTHER_WORD = 32;

/** Classes that make up a word. */
export const WORD = LOWER | UPPER | DIGIT | UNDERSCORE | OTHER_WORD;

const asciiClasses = new Uint8Array(128);
for (let code = 97; code <= 122; code++) asciiClasses[code] = LOWER;
for (let code = 65; code <= 90; code++) asciiClasses[code] = UPPER;
for (let code = 48; code <= 57; code++) asciiClasses[code] = DIGIT;
asciiClasses[95] = UNDERSCORE;
asciiClasses[46] = CONNECTOR; // .
asciiClasses[45] = CONNECTOR; // -
asciiClasses[58] = CONNECTOR; // :

/**
 * Non-ASCII code units that separate words: Latin-1 symbols, general punctuation,
 * arrows, math and box drawing, CJK punctuation, fullwidth ASCII punctuation and the
 * byte order mark. Everything else above 0x7F (letters of any script, CJK ideographs,
 * combining marks, surrogates) counts as part of a word; FTS5's unicode61 tokenizer
 * makes the final cut, so erring on the side of "word" never loses a term.
 */
function isNonAsciiSeparator(code: number): boolean {
  if (code < 0xc0) return code !== 0xaa && code !== 0xb5 && code !== 0xba;
  if (code === 0xd7 || code === 0xf7) return true;
  if (code < 0x2000) return false;
  if (code <= 0x2bff) return true;
  if (code >= 0x3000 && code <= 0x303f) return true;
  if (code >= 0xfe10 && code <= 0xfe6f) return true;
  if (code >= 0xff00 && code <= 0xff0f) return true;
  if (code >= 0xff1a && code <= 0xff20) return true;
  if (code >= 0xff3b && code <= 0xff40) return true;
  if (code >= 0xff5b && code <= 0xff65) return true;
  return code === 0xfeff || code >= 0xfff0;
}

/**
 * The class of every UTF-16 code unit, 64 KiB built once: the scanner's hot loop is
 * then one typed-array read per character, with no branch on the code range.
 */
export const CHARACTER_CLASSES: Uint8Array = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  CHARACTER_CLASSES[code] =
    code < 128 ? (asciiClasses[code] as number) : isNonAsciiSeparator(code) ? 0 : OTHER_WORD;
}
