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

const stopwordHashes = new Set(words.map((word) => hashString(word, wordSeed)));

/** Whether a word's hash (as the vectorizer computes it) is the hash of a stopword. */
export function isStopword(wordHash: number): boolean {
  return stopwordHashes.has(wordHash);
}
