/**
 * A fast estimate of how many tokens a cl100k-style BPE tokenizer makes of a text.
 * Chunk sizes only need to be about right, and a real BPE costs a vocabulary file and
 * an order of magnitude of speed, so the estimate counts runs of characters instead.
 * The rules and their calibration are in docs/decisions/003-tokenizer-and-chunking.md.
 *
 * The estimate is additive across whitespace: for texts `a` and `b` that neither end
 * nor start with whitespace, estimate(a + gap + b) = estimate(a) + estimate(gap) +
 * estimate(b). The chunk packer relies on this to size chunks without re-counting.
 *
 * The scanner reads code units from a typed array, not through `charCodeAt` (which
 * re-checks the string's representation for every character). The chunker holds the
 * document it is chunking ({@link holdDocumentText}), so its code units are copied
 * once per document; any other text is copied when it is estimated.
 */

import { CharacterCodes } from '../text/character-codes.js';

/** Letters one word token covers before BPE splits a long word. */
const LETTERS_PER_TOKEN = 10;
/** cl100k keeps numbers in groups of up to three digits. */
const DIGITS_PER_TOKEN = 3;
/** Common punctuation runs (`();`, `=>`, `**`, `-->`) are single tokens. */
const PUNCTUATION_PER_TOKEN = 3;

/**
 * Kinds of UTF-16 code unit. Word kinds are below Space so one comparison tests "word".
 * A const enum, so the scanning loops compare with literals rather than load constants.
 */
const enum Kind {
  Lower = 0,
  Upper = 1,
  Underscore = 2,
  Accented = 3,
  Space = 4,
  Newline = 5,
  Digit = 6,
  Punctuation = 7,
  /** Other scripts: half a token per character. */
  Narrow = 8,
  /** CJK and astral characters: a token per code unit. */
  Wide = 9,
}

function kindOf(code: number): Kind {
  if (code >= 97 && code <= 122) return Kind.Lower;
  if (code >= 65 && code <= 90) return Kind.Upper;
  if (code >= 48 && code <= 57) return Kind.Digit;
  if (code === 95) return Kind.Underscore;
  if (code === 10) return Kind.Newline;
  if (code === 32 || (code >= 9 && code <= 13)) return Kind.Space;
  if (code < 128) return Kind.Punctuation;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return Kind.Accented;
  return code >= 0x2e80 ? Kind.Wide : Kind.Narrow;
}

const kinds = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) kinds[code] = kindOf(code);

function estimateCodesInRange(codes: Uint16Array, start: number, end: number): number {
  let tokens = 0;
  let position = start;
  while (position < end) {
    const kind = kinds[codes[position] as number] as number;
    const runStart = position;
    position++;
    if (kind < Kind.Space) {
      let boundaries = 0;
      let accents = kind === Kind.Accented ? 1 : 0;
      let previous = kind;
      while (position < end) {
        const current = kinds[codes[position] as number] as number;
        if (current !== Kind.Lower) {
          if (current >= Kind.Space) break;
          if (current === Kind.Underscore) boundaries++;
          else if (current === Kind.Accented) accents++;
          else if (previous === Kind.Lower || previous === Kind.Accented) boundaries++;
        }
        previous = current;
        position++;
      }
      const byLength = Math.ceil((position - runStart) / LETTERS_PER_TOKEN);
      tokens += (byLength > boundaries ? byLength : boundaries + 1) + ((accents + 1) >> 1);
    } else if (kind === Kind.Space || kind === Kind.Newline) {
      let hasBreak = kind === Kind.Newline;
      while (position < end) {
        const current = kinds[codes[position] as number] as number;
        if (current === Kind.Newline) hasBreak = true;
        else if (current !== Kind.Space) break;
        position++;
      }
      if (hasBreak) tokens++;
    } else if (kind === Kind.Punctuation || kind === Kind.Digit) {
      while (position < end && kinds[codes[position] as number] === kind) position++;
      tokens += Math.ceil(
        (position - runStart) / (kind === Kind.Digit ? DIGITS_PER_TOKEN : PUNCTUATION_PER_TOKEN),
      );
    } else {
      let halves = kind === Kind.Wide ? 2 : 1;
      while (position < end) {
        const current = kinds[codes[position] as number] as number;
        if (current === Kind.Wide) halves += 2;
        else if (current === Kind.Narrow) halves++;
        else break;
        position++;
      }
      tokens += (halves + 1) >> 1;
    }
  }
  return tokens;
}

/** Documents up to this many code units share one buffer; a longer one gets its own. */
const SHARED_BUFFER_LIMIT = 1 << 20;
const documentCodes = new CharacterCodes();
const otherCodes = new CharacterCodes();
let documentText: string | null = null;
const NO_CODE_UNITS = new Uint16Array(0);
let documentCodeUnits: Uint16Array = NO_CODE_UNITS;

/**
 * Makes `text` the document whose ranges are estimated next: its code units are copied
 * now, once, instead of on every call. Until {@link releaseDocumentText}; one at a time.
 */
export function holdDocumentText(text: string): void {
  const codes = text.length <= SHARED_BUFFER_LIMIT ? documentCodes : new CharacterCodes();
  documentCodeUnits = codes.load(text);
  documentText = text;
}

/** Forgets the held document; the shared buffer stays for the next one, a large one goes. */
export function releaseDocumentText(): void {
  documentText = null;
  documentCodeUnits = NO_CODE_UNITS;
}

/**
 * Estimated tokens of `text[start, end)`, without slicing. Rules per run of characters:
 * a word (ASCII letters, `_`, accented Latin letters) costs max(1 + inner boundaries,
 * ceil(length / 10)) plus half a token per accented letter, where a boundary is a
 * lower-to-upper change or an underscore (`getUserById` -> 4); a digit run costs
 * ceil(length / 3); a punctuation run ceil(length / 3); a whitespace run 1 when it holds
 * a line break and nothing otherwise (BPE merges a space into the next word); other
 * non-ASCII runs half a token per character, CJK and astral characters a whole one.
 */
export function estimateTokensInRange(text: string, start: number, end: number): number {
  const codes = text === documentText ? documentCodeUnits : otherCodes.load(text);
  return estimateCodesInRange(codes, start, end);
}

/** Estimated number of cl100k tokens in `text` (see {@link estimateTokensInRange}). */
export function estimateTokens(text: string): number {
  return estimateTokensInRange(text, 0, text.length);
}
