/**
 * Turns one text into one unit vector by signed feature hashing, in a single pass over
 * its UTF-16 code units. Words are split at whitespace and punctuation and identifiers
 * into their parts (`getUserById`, `get_user_by_id`, `http.Server`); each word yields a
 * unigram, a bigram with the word before it and its character 3- to 5-grams between
 * boundary markers, and each multi-part identifier also yields its parts joined. All
 * scratch memory is reused across texts; only the returned vector is allocated, and not
 * even that when the caller hands in the array to fill.
 *
 * Two versions share the pass. hash:v1 counts every feature, n-grams included, and
 * weighs each by `1 + ln(count)`. hash:v2 counts words instead and adds each distinct
 * word's unigram and n-grams once, weighted by `1 + ln(count of the word)`, from
 * signatures kept across texts (word-signatures.ts), and adds each bigram as it comes,
 * uncounted (a bigram rarely repeats within a chunk): the same features on the same
 * dimensions, about a third less CPU, and a little better retrieval on the golden set.
 */
import {
  classOf,
  connectorClass,
  lowercaseOf,
  lowerClass,
  separatorClass,
  upperClass,
} from './character-tables.js';
import { FeatureCounter } from './feature-counter.js';
import {
  bigramHash,
  characterGramSeed,
  dimensionScale,
  fallbackSeed,
  finalizeHash,
  fnvOffsetBasis,
  hashStep,
  hashString,
  wordSeed,
} from './feature-hash.js';
import { isStopword } from './stopwords.js';
import { WordSignatures } from './word-signatures.js';

/** Feature kinds, as the feature counter stores them in a key's low two bits. */
const wordKind = 0;
const stopwordKind = 1;
const bigramKind = 2;
const characterGramKind = 3;

/** Weights of the feature kinds, by kind: whole words count most, sub-word pieces least. */
export const featureWeights: readonly [number, number, number, number] = [1, 0.15, 0.5, 0.25];

const bigramWeight = featureWeights[bigramKind];
const wordStart = fnvOffsetBasis ^ wordSeed;
const gramStart = fnvOffsetBasis ^ characterGramSeed;
/** Boundary markers around a word for its character n-grams; never produced by text. */
const beginMarker = 0x02;
const endMarker = 0x03;

/** Versions of the hashing vectorizer; see the module header. */
export type HashingVersion = 1 | 2;

/** Reusable single-threaded vectorizer of one dimension and version. */
export class HashingVectorizer {
  private readonly counter = new FeatureCounter(featureWeights);
  /** hash:v2's words; null for hash:v1. */
  private readonly words: WordSignatures | null;
  private readonly sums: Float64Array;
  private readonly scaleToDimensions: number;
  /** The current word, lowercased, between the begin marker at 0 and the end marker. */
  private part = new Uint16Array(256);
  private partLength = 0;
  private partHash = wordStart;
  private tokenHash = wordStart;
  private partsInToken = 0;
  private previousWord = 0;
  private hasPreviousWord = false;

  constructor(
    readonly dimensions: number,
    readonly version: HashingVersion = 1,
  ) {
    this.sums = new Float64Array(dimensions);
    this.scaleToDimensions = dimensionScale(dimensions);
    this.part[0] = beginMarker;
    this.words =
      version === 2 ? new WordSignatures(dimensions, featureWeights[characterGramKind]) : null;
  }

  /**
   * The L2-normalized feature vector of `text`, written into `into` when given (every
   * value is written: it need not be zeroed) or into a new array.
   */
  vectorize(text: string, into?: Float32Array): Float32Array {
    this.sums.fill(0);
    this.countFeatures(text);
    const words = this.words;
    if (this.counter.distinctFeatures === 0 && (words === null || words.distinctWords === 0)) {
      this.counter.add(hashString(text, fallbackSeed), wordKind);
    }
    this.counter.addTo(this.sums);
    this.counter.clear();
    words?.addTo(this.sums);
    return this.normalized(text, into ?? new Float32Array(this.dimensions));
  }

  private countFeatures(text: string): void {
    this.hasPreviousWord = false;
    const length = text.length;
    let previousClass = separatorClass;
    for (let index = 0; index < length; index += 1) {
      const code = text.charCodeAt(index);
      const kind = classOf(code);
      if (kind === separatorClass || kind === connectorClass) {
        if (this.partLength > 0) this.endPart();
        if (kind === separatorClass) this.endToken();
        previousClass = kind;
        continue;
      }
      if (kind === upperClass && this.partLength > 0 && startsPart(text, index, previousClass)) {
        this.endPart();
      }
      this.append(lowercaseOf(code));
      previousClass = kind;
    }
    if (this.partLength > 0) this.endPart();
    this.endToken();
  }

  private append(code: number): void {
    if (this.partLength + 2 >= this.part.length) {
      const larger = new Uint16Array(this.part.length * 2);
      larger.set(this.part);
      this.part = larger;
    }
    this.partLength += 1;
    this.part[this.partLength] = code;
    this.partHash = hashStep(this.partHash, code);
    this.tokenHash = hashStep(this.tokenHash, code);
  }

  private endPart(): void {
    const word = this.partHash;
    const stopword = isStopword(word);
    const words = this.words;
    if (words === null || stopword) this.counter.add(word, stopword ? stopwordKind : wordKind);
    if (this.hasPreviousWord) {
      const bigram = bigramHash(this.previousWord, word);
      if (words === null) this.counter.add(bigram, bigramKind);
      else this.addBigram(bigram);
    }
    this.previousWord = word;
    this.hasPreviousWord = true;
    if (!stopword) {
      if (words === null) this.countCharacterGrams();
      else words.count(word, this.part, this.partLength);
    }
    this.partsInToken += 1;
    this.partLength = 0;
    this.partHash = wordStart;
  }

  /**
   * Character 3-, 4- and 5-grams of `<word>`, each hashed by extending the shorter one.
   * The hottest loop of the embedder: the seed and kind are copied into locals and the
   * FNV-1a step (hashStep) is written out, because V8 reloads and rechecks module-level
   * bindings on every use, which cost about 6% of the embedder's instructions here.
   */
  private countCharacterGrams(): void {
    const part = this.part;
    const counter = this.counter;
    const seed = gramStart;
    const kind = characterGramKind;
    const total = this.partLength + 2;
    part[total - 1] = endMarker;
    for (let start = 0; start + 3 <= total; start += 1) {
      let hash = Math.imul(seed ^ (part[start] as number), 0x01000193);
      hash = Math.imul(hash ^ (part[start + 1] as number), 0x01000193);
      hash = Math.imul(hash ^ (part[start + 2] as number), 0x01000193);
      counter.add(hash, kind);
      if (start + 4 > total) continue;
      hash = Math.imul(hash ^ (part[start + 3] as number), 0x01000193);
      counter.add(hash, kind);
      if (start + 5 > total) continue;
      hash = Math.imul(hash ^ (part[start + 4] as number), 0x01000193);
      counter.add(hash, kind);
    }
  }

  /** hash:v2: a bigram goes straight into the sums, weight 0.5 per occurrence. */
  private addBigram(bigram: number): void {
    const mixed = finalizeHash((bigram & -4) | bigramKind);
    const dimension = Math.floor(mixed * this.scaleToDimensions);
    const sums = this.sums;
    sums[dimension] = (sums[dimension] as number) + bigramWeight * (1 - ((mixed & 1) << 1));
  }

  /** A token of several parts also counts as the word its parts spell together. */
  private endToken(): void {
    if (this.partsInToken > 1) this.counter.add(this.tokenHash, wordKind);
    this.partsInToken = 0;
    this.tokenHash = wordStart;
  }

  private normalized(text: string, vector: Float32Array): Float32Array {
    const sums = this.sums;
    let squares = 0;
    for (let index = 0; index < sums.length; index += 1) {
      const value = sums[index] as number;
      squares += value * value;
    }
    if (squares < 1e-12) {
      vector.fill(0);
      // Features cancelled out exactly: fall back to the one feature of the raw text.
      const mixed = finalizeHash(hashString(text, fallbackSeed));
      vector[Math.floor(mixed * this.scaleToDimensions)] = (mixed & 1) === 0 ? 1 : -1;
      return vector;
    }
    const scale = 1 / Math.sqrt(squares);
    for (let index = 0; index < sums.length; index += 1) {
      vector[index] = (sums[index] as number) * scale;
    }
    return vector;
  }
}

/**
 * Whether the uppercase letter at `index` starts a new identifier part: after a lowercase
 * letter or digit (`getUser`, `v2Api`), or as the last capital of a run followed by two
 * lowercase letters (`HTTPServer`), so plurals of acronyms stay whole (`URLs`).
 */
function startsPart(text: string, index: number, previousClass: number): boolean {
  if (previousClass !== upperClass) return true;
  if (index + 2 >= text.length) return false;
  return (
    classOf(text.charCodeAt(index + 1)) === lowerClass &&
    classOf(text.charCodeAt(index + 2)) === lowerClass
  );
}
