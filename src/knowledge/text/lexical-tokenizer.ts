/**
 * The identifier-aware lexical tokenizer: turns any text into the lowercase terms that
 * the FTS5 column stores (`porter unicode61 remove_diacritics 2 tokenchars '_'`), and a
 * query into the same terms. One pass over the text with a class table; only tokens
 * that look like compound identifiers take the slower splitting path.
 */

import { CharacterCodes } from './character-codes.js';
import { LONGEST_TERM, writeIdentifierTerms, writeWord } from './identifier-terms.js';
import { isStopword, LONGEST_STOPWORD } from './stopwords.js';
import {
  CHARACTER_CLASSES as classes,
  CONNECTOR,
  DIGIT,
  LOWER,
  OTHER_WORD,
  UNDERSCORE,
  UPPER,
  WORD,
} from './term-characters.js';
import { TermWriter } from './term-writer.js';

const COLON = 58;
const SPACE = 32;
const writer = new TermWriter();
const characterCodes = new CharacterCodes();

/**
 * Index of the first character after a connector that continues the current token
 * (`.`, `-`, `:` or `::` followed by a word character), or -1 when the token ends here.
 */
function connectorContinuation(codes: Uint16Array, length: number, position: number): number {
  let next = position + 1;
  if (codes[position] === COLON && next < length && codes[next] === COLON) next++;
  return next < length && ((classes[codes[next] as number] as number) & WORD) !== 0 ? next : -1;
}

/**
 * Writes every index term of `text`, in order, duplicates kept. A token is written
 * lowercased while it is scanned; when it turns out to be a compound, a stopword,
 * non-ASCII or too short or long, the write is undone and the slower path decides.
 */
function writeIndexTerms(text: string): void {
  const length = text.length;
  const codes = characterCodes.load(text);
  const source = { text, codes };
  writer.reserve(length + 1);
  let characters = writer.characters;
  let used = writer.used;
  let position = 0;
  while (position < length) {
    const firstCode = codes[position] as number;
    const firstClass = classes[firstCode] as number;
    if ((firstClass & WORD) === 0) {
      position++;
      continue;
    }
    const start = position;
    const mark = used;
    if (used > 0) characters[used++] = SPACE;
    // `| 32` lowercases ASCII letters and keeps digits and `_`; anything else is rewritten below.
    characters[used++] = firstCode | 32;
    position++;
    let rest = 0;
    for (;;) {
      while (position < length) {
        const code = codes[position] as number;
        const characterClass = classes[code] as number;
        if ((characterClass & WORD) === 0) break;
        rest |= characterClass;
        characters[used++] = code | 32;
        position++;
      }
      if (position >= length || classes[codes[position] as number] !== CONNECTOR) break;
      const next = connectorContinuation(codes, length, position);
      if (next < 0) break;
      rest |= CONNECTOR;
      position = next;
    }
    const seen = firstClass | rest;
    const isCompound =
      (seen & (UNDERSCORE | CONNECTOR)) !== 0 || ((rest & UPPER) !== 0 && (seen & LOWER) !== 0);
    const isPlainAscii = (seen & OTHER_WORD) === 0 && !isCompound;
    const tokenLength = position - start;
    if (
      isPlainAscii &&
      tokenLength <= LONGEST_TERM &&
      (tokenLength > 1 || firstClass === DIGIT) &&
      (tokenLength > LONGEST_STOPWORD || !isStopword(codes, start, position))
    ) {
      continue;
    }
    used = mark;
    if (isPlainAscii) continue;
    writer.used = used;
    if (isCompound)
      writeIdentifierTerms(writer, source, start, position, (seen & OTHER_WORD) === 0);
    else writeWord(writer, source, start, position, false, true);
    writer.reserve(length - position + 1);
    characters = writer.characters;
    used = writer.used;
  }
  writer.used = used;
}

/**
 * The text of an FTS5 column: space-separated lowercase terms. Compound identifiers
 * appear as the compound joined by `_`, their flat camelCase spelling and their parts
 * (`getUserById` -> `get_user_by_id getuserbyid get user by id`); plain words appear
 * once; English stopwords and single letters are dropped; single digits are kept.
 */
export function tokenizeForIndex(text: string): string {
  writer.reset();
  writeIndexTerms(text);
  return writer.toString();
}

/**
 * The terms of a search query under the same rules as {@link tokenizeForIndex},
 * deduplicated in order of first appearance. Parts and compounds of one identifier
 * are alternatives, so callers should combine the terms with OR (BM25 ranks the
 * chunks that match more of them higher).
 */
export function tokenizeQuery(query: string): string[] {
  const terms = tokenizeForIndex(query);
  return terms.length === 0 ? [] : [...new Set(terms.split(' '))];
}
