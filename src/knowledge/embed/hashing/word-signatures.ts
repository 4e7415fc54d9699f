/**
 * hash:v2's word features: each distinct word (lowercased UTF-16 code units) has a
 * signature, the dimensions and signs of its unigram and its character 3- to 5-grams
 * between boundary markers, computed once and kept across texts. A text counts how
 * often each word occurs and adds every signature once, weighted by `1 + ln(count)`:
 * a word seen again costs one table lookup instead of hashing and counting a dozen
 * n-grams. Words are told apart by their characters, so a signature depends only on
 * its word and vectors do not depend on which texts came before.
 */
import { characterGramSeed, dimensionScale, finalizeHash, fnvOffsetBasis } from './feature-hash.js';

const gramStart = fnvOffsetBasis ^ characterGramSeed;
const endMarker = 0x03;
/** Feature kinds as hash:v1 keys them, so v2 puts a feature on the same dimension. */
const wordKind = 0;
const characterGramKind = 3;
const initialCapacity = 1 << 12;
const initialCharacters = 1 << 14;
const initialSignatureEntries = 1 << 16;
/** Between texts, a cache past these is emptied: a run of new words must not grow it forever. */
const retainedWords = 1 << 16;
const retainedCharacters = 1 << 20;
const retainedSignatureEntries = 1 << 21;
/** Counts below this find `1 + ln(count)` in a table instead of calling Math.log. */
const tabulatedCounts = 256;
const logWeights = Float64Array.from({ length: tabulatedCounts }, (_, count) =>
  count === 0 ? 0 : 1 + Math.log(count),
);

/** Reusable signatures of words and their counts in the current text; single-threaded. */
export class WordSignatures {
  private slots = new Int32Array(initialCapacity);
  private mask = initialCapacity - 1;
  private shift = 32 - Math.log2(initialCapacity);
  private hashes = new Int32Array(initialCapacity >> 1);
  private characterStarts = new Int32Array(initialCapacity >> 1);
  private characterLengths = new Int32Array(initialCapacity >> 1);
  private signatureStarts = new Int32Array(initialCapacity >> 1);
  private signatureEnds = new Int32Array(initialCapacity >> 1);
  private counts = new Int32Array(initialCapacity >> 1);
  /** Words of the current text, by first occurrence. */
  private counted = new Int32Array(initialCapacity >> 1);
  private countedWords = 0;
  private characters = new Uint16Array(initialCharacters);
  private charactersUsed = 0;
  /** Signature entries: `dimension << 1 | sign bit`, one word's run after another. */
  private signatures = new Int32Array(initialSignatureEntries);
  private signaturesUsed = 0;
  private size = 0;
  private readonly scaleToDimensions: number;

  /** `dimensions` is the vector length; `gramWeight` weighs n-grams against unigrams (1). */
  constructor(
    dimensions: number,
    private readonly gramWeight: number,
  ) {
    this.scaleToDimensions = dimensionScale(dimensions);
  }

  /** Number of distinct words counted in the current text. */
  get distinctWords(): number {
    return this.countedWords;
  }

  /**
   * Counts one occurrence of the word `part[1, 1 + length)` whose FNV-1a hash (from the
   * word seed) is `hash`. `part[0]` holds the begin marker and `part` has room for the
   * end marker after the word.
   */
  count(hash: number, part: Uint16Array, length: number): void {
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.sameWord(entry, part, length)) {
        this.countEntry(entry);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.countEntry(this.record(slot, hash, part, length));
  }

  /**
   * Adds every counted word's signature into `vector` (unigram weight 1, n-grams
   * `gramWeight`, both times `1 + ln(count)`) and starts a new text.
   */
  addTo(vector: Float64Array): void {
    const signatures = this.signatures;
    const gramWeight = this.gramWeight;
    for (let index = 0; index < this.countedWords; index += 1) {
      const entry = this.counted[index] as number;
      const count = this.counts[entry] as number;
      this.counts[entry] = 0;
      const scale =
        count === 1
          ? 1
          : count < tabulatedCounts
            ? (logWeights[count] as number)
            : 1 + Math.log(count);
      let at = this.signatureStarts[entry] as number;
      const end = this.signatureEnds[entry] as number;
      const unigram = signatures[at] as number;
      // Signs multiply rather than branch: they are random, so a branch would mispredict.
      vector[unigram >> 1] = (vector[unigram >> 1] as number) + scale * (1 - ((unigram & 1) << 1));
      const weight = gramWeight * scale;
      for (at += 1; at < end; at += 1) {
        const gram = signatures[at] as number;
        vector[gram >> 1] = (vector[gram >> 1] as number) + weight * (1 - ((gram & 1) << 1));
      }
    }
    this.countedWords = 0;
    if (
      this.size > retainedWords ||
      this.charactersUsed > retainedCharacters ||
      this.signaturesUsed > retainedSignatureEntries
    ) {
      this.empty();
    }
  }

  private countEntry(entry: number): void {
    const count = this.counts[entry] as number;
    if (count === 0) {
      this.counted[this.countedWords] = entry;
      this.countedWords += 1;
    }
    this.counts[entry] = count + 1;
  }

  private sameWord(entry: number, part: Uint16Array, length: number): boolean {
    if (this.characterLengths[entry] !== length) return false;
    const characters = this.characters;
    const start = this.characterStarts[entry] as number;
    for (let offset = 0; offset < length; offset += 1) {
      if (characters[start + offset] !== part[1 + offset]) return false;
    }
    return true;
  }

  /** Adds the word to the cache at `slot` with its signature; returns its entry. */
  private record(slot: number, hash: number, part: Uint16Array, length: number): number {
    // A word of n units has at most 3n n-grams (n + 2 units with the markers).
    this.reserve(length, 1 + 3 * length);
    const entry = this.size;
    this.size += 1;
    this.slots[slot] = entry + 1;
    this.hashes[entry] = hash;
    const characters = this.characters;
    const start = this.charactersUsed;
    for (let offset = 0; offset < length; offset += 1) {
      characters[start + offset] = part[1 + offset] as number;
    }
    this.characterStarts[entry] = start;
    this.characterLengths[entry] = length;
    this.charactersUsed += length;
    this.signatureStarts[entry] = this.signaturesUsed;
    this.signatureEnds[entry] = this.writeSignature(hash, part, length);
    if (this.size > this.mask >> 1) this.grow();
    return entry;
  }

  /** Writes the unigram and n-grams of the word at `signaturesUsed`; returns the new end. */
  private writeSignature(hash: number, part: Uint16Array, length: number): number {
    const signatures = this.signatures;
    let at = this.signaturesUsed;
    let key = (hash & -4) | wordKind;
    if (key === 0) key = 4;
    signatures[at++] = this.entryOf(key);
    const total = length + 2;
    part[total - 1] = endMarker;
    for (let start = 0; start + 3 <= total; start += 1) {
      let gram = Math.imul(gramStart ^ (part[start] as number), 0x01000193);
      gram = Math.imul(gram ^ (part[start + 1] as number), 0x01000193);
      gram = Math.imul(gram ^ (part[start + 2] as number), 0x01000193);
      signatures[at++] = this.entryOf((gram & -4) | characterGramKind);
      if (start + 4 > total) continue;
      gram = Math.imul(gram ^ (part[start + 3] as number), 0x01000193);
      signatures[at++] = this.entryOf((gram & -4) | characterGramKind);
      if (start + 5 > total) continue;
      gram = Math.imul(gram ^ (part[start + 4] as number), 0x01000193);
      signatures[at++] = this.entryOf((gram & -4) | characterGramKind);
    }
    this.signaturesUsed = at;
    return at;
  }

  /** The signature entry of feature key `key`: its dimension and sign, as hash:v1 picks them. */
  private entryOf(key: number): number {
    const mixed = finalizeHash(key);
    return (Math.floor(mixed * this.scaleToDimensions) << 1) | (mixed & 1);
  }

  /** Room for `characters` more code units and `entries` more signature entries. */
  private reserve(characters: number, entries: number): void {
    if (this.charactersUsed + characters > this.characters.length) {
      const larger = new Uint16Array(
        Math.max(this.characters.length * 2, this.charactersUsed + characters),
      );
      larger.set(this.characters.subarray(0, this.charactersUsed));
      this.characters = larger;
    }
    if (this.signaturesUsed + entries > this.signatures.length) {
      const larger = new Int32Array(
        Math.max(this.signatures.length * 2, this.signaturesUsed + entries),
      );
      larger.set(this.signatures.subarray(0, this.signaturesUsed));
      this.signatures = larger;
    }
  }

  /** Doubles the table, keeping every entry. */
  private grow(): void {
    this.resize((this.mask + 1) * 2);
    for (let entry = 0; entry < this.size; entry += 1) {
      let slot = Math.imul(this.hashes[entry] as number, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry + 1;
    }
  }

  /** Forgets every word (between texts only: counts must be zero). */
  private empty(): void {
    this.size = 0;
    this.resize(initialCapacity);
    this.characters = new Uint16Array(initialCharacters);
    this.charactersUsed = 0;
    this.signatures = new Int32Array(initialSignatureEntries);
    this.signaturesUsed = 0;
  }

  /** An empty slot table of `capacity` and entry arrays of half that, keeping the entries. */
  private resize(capacity: number): void {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    const entries = capacity >> 1;
    this.hashes = resized(this.hashes, entries, this.size);
    this.characterStarts = resized(this.characterStarts, entries, this.size);
    this.characterLengths = resized(this.characterLengths, entries, this.size);
    this.signatureStarts = resized(this.signatureStarts, entries, this.size);
    this.signatureEnds = resized(this.signatureEnds, entries, this.size);
    this.counts = resized(this.counts, entries, this.size);
    this.counted = resized(this.counted, entries, this.size);
  }
}

/** A new array of `length` holding the first `kept` values of `values`. */
function resized(
  values: Int32Array<ArrayBuffer>,
  length: number,
  kept: number,
): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(length);
  copy.set(values.subarray(0, kept));
  return copy;
}
