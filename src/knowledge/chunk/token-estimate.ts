/**
 * A fast estimate of how many tokens a cl100k-style BPE tokenizer makes of a text.
 * Chunk sizes only need to be about right, and a real BPE costs a vocabulary file and
 * an order of magnitude of speed, so the estimate counts runs of characters instead.
 * The rules and their calibration are in docs/decisions/003-tokenizer-and-chunking.md.
 *
 * The estimate is additive across whitespace: for texts `a` and `b` that neither end
 * nor start with whitespace, estimate(a + gap + b) = estimate(a) + estimate(gap) +
 * estimate(b). The chunk packer relies on this to size chunks without re-counting.
 */

/** Letters one word token covers before BPE splits a long word. */
const LETTERS_PER_TOKEN = 10;
/** cl100k keeps numbers in groups of up to three digits. */
const DIGITS_PER_TOKEN = 3;
/** Common punctuation runs (`();`, `=>`, `**`, `-->`) are single tokens. */
const PUNCTUATION_PER_TOKEN = 3;

// Kinds of UTF-16 code unit. Word kinds are below SPACE so one comparison tests "word".
const LOWER = 0;
const UPPER = 1;
const UNDERSCORE = 2;
const ACCENTED = 3;
const SPACE = 4;
const NEWLINE = 5;
const DIGIT = 6;
const PUNCTUATION = 7;
/** Other scripts: half a token per character. */
const NARROW = 8;
/** CJK and astral characters: a token per code unit. */
const WIDE = 9;

function kindOf(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code === 95) return UNDERSCORE;
  if (code === 10) return NEWLINE;
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  if (code < 128) return PUNCTUATION;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return ACCENTED;
  return code >= 0x2e80 ? WIDE : NARROW;
}

const kinds = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) kinds[code] = kindOf(code);

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
  let tokens = 0;
  let position = start;
  while (position < end) {
    const kind = kinds[text.charCodeAt(position)] as number;
    const runStart = position;
    position++;
    if (kind < SPACE) {
      let boundaries = 0;
      let accents = kind === ACCENTED ? 1 : 0;
      let previous = kind;
      while (position < end) {
        const current = kinds[text.charCodeAt(position)] as number;
        if (current !== LOWER) {
          if (current >= SPACE) break;
          if (current === UNDERSCORE) boundaries++;
          else if (current === ACCENTED) accents++;
          else if (previous === LOWER || previous === ACCENTED) boundaries++;
        }
        previous = current;
        position++;
      }
      const byLength = Math.ceil((position - runStart) / LETTERS_PER_TOKEN);
      tokens += (byLength > boundaries ? byLength : boundaries + 1) + ((accents + 1) >> 1);
    } else if (kind === SPACE || kind === NEWLINE) {
      let hasBreak = kind === NEWLINE;
      while (position < end) {
        const current = kinds[text.charCodeAt(position)] as number;
        if (current === NEWLINE) hasBreak = true;
        else if (current !== SPACE) break;
        position++;
      }
      if (hasBreak) tokens++;
    } else if (kind === PUNCTUATION || kind === DIGIT) {
      while (position < end && kinds[text.charCodeAt(position)] === kind) position++;
      tokens += Math.ceil(
        (position - runStart) / (kind === DIGIT ? DIGITS_PER_TOKEN : PUNCTUATION_PER_TOKEN),
      );
    } else {
      let halves = kind === WIDE ? 2 : 1;
      while (position < end) {
        const current = kinds[text.charCodeAt(position)] as number;
        if (current === WIDE) halves += 2;
        else if (current === NARROW) halves++;
        else break;
        position++;
      }
      tokens += (halves + 1) >> 1;
    }
  }
  return tokens;
}

/** Estimated number of cl100k tokens in `text` (see {@link estimateTokensInRange}). */
export function estimateTokens(text: string): number {
  return estimateTokensInRange(text, 0, text.length);
}
