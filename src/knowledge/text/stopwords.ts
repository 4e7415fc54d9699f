/**
 * The small English stopword list of the lexical index. Only standalone words are
 * dropped; parts of identifiers (`by` in `getUserById`) are kept, because in code
 * they carry meaning and the compound needs them to be found part by part.
 */

/**
 * Function words that match almost every English chunk and so only add noise to
 * BM25: articles, auxiliaries, pronouns, conjunctions and the commonest prepositions.
 * Deliberately short: negations (`not`, `no`) and words with technical senses
 * (`will`, `can`, `may`, `should`, `must`, `all`, `any`, `new`, `do`) stay searchable.
 */
export const STOPWORDS: readonly string[] = [
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'been',
  'but',
  'by',
  'for',
  'from',
  'had',
  'has',
  'have',
  'he',
  'her',
  'his',
  'how',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'our',
  'she',
  'so',
  'than',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'those',
  'to',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'which',
  'who',
  'with',
  'you',
  'your',
];

/** Length of the longest stopword, so longer words skip the lookup. */
export const LONGEST_STOPWORD = 5;

/**
 * A number for a short word of ASCII letters (5 bits per letter, case folded), or -1.
 * Lets the tokenizer test a word against the list without making a string of it.
 */
export function shortWordKey(codes: Uint16Array, start: number, end: number): number {
  if (end - start > LONGEST_STOPWORD) return -1;
  let key = 0;
  for (let position = start; position < end; position++) {
    const letter = ((codes[position] as number) | 32) - 96;
    if (letter < 1 || letter > 26) return -1;
    key = key * 32 + letter;
  }
  return key;
}

/**
 * Open-addressing table of stopword keys (0 = empty). Faster than a Set lookup, which
 * mattered: the check runs for every short word of every chunk.
 */
const TABLE_BITS = 10;
const stopwordTable = new Int32Array(1 << TABLE_BITS);

function slotOf(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
}

/** The code units of a short word, for building and testing keys. */
export function wordCodes(word: string): Uint16Array {
  return Uint16Array.from(word, (character) => character.charCodeAt(0));
}

for (const word of STOPWORDS) {
  const key = shortWordKey(wordCodes(word), 0, word.length);
  let slot = slotOf(key);
  while (stopwordTable[slot] !== 0) slot = (slot + 1) & (stopwordTable.length - 1);
  stopwordTable[slot] = key;
}

/** True when `codes[start, end)` is a stopword, in any letter case. */
export function isStopword(codes: Uint16Array, start: number, end: number): boolean {
  const key = shortWordKey(codes, start, end);
  if (key < 0) return false;
  let slot = slotOf(key);
  for (;;) {
    const stored = stopwordTable[slot] as number;
    if (stored === key) return true;
    if (stored === 0) return false;
    slot = (slot + 1) & (stopwordTable.length - 1);
  }
}
