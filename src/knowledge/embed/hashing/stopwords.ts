/**
 * English function words that carry little meaning on their own. The hashing embedder
 * has no corpus statistics (no IDF), so without this list two unrelated English texts
 * would look alike through "the", "of" and "and". Stopwords still count, lightly, and
 * still form bigrams ("by id"); they only lose their character n-grams.
 */
import { hashString, wordSeed } from './feature-hash.js';

const words = [
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
  'can',
  'do',
  'does',
  'for',
  'from',
  'had',
  'has',
  'have',
  'he',
  'her',
  'his',
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
  'which',
  'will',
  'with',
  'you',
  'your',
];

/**
 * Open-addressing table of the stopwords' hashes, 0 for an empty slot (no stopword hashes
 * to 0): most words miss on their first probe, cheaper than a Set lookup per word.
 */
const tableBits = 8;
const stopwordTable = new Int32Array(1 << tableBits);
for (const word of words) {
  const hash = hashString(word, wordSeed);
  let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - tableBits);
  while (stopwordTable[slot] !== 0) slot = (slot + 1) & ((1 << tableBits) - 1);
  stopwordTable[slot] = hash;
}

/** Whether a word's hash (as the vectorizer computes it) is the hash of a stopword. */
export function isStopword(wordHash: number): boolean {
  const table = stopwordTable;
  let slot = Math.imul(wordHash, 0x9e3779b1) >>> (32 - tableBits);
  for (;;) {
    const stored = table[slot] as number;
    if (stored === wordHash) return wordHash !== 0;
    if (stored === 0) return false;
    slot = (slot + 1) & (table.length - 1);
  }
}
