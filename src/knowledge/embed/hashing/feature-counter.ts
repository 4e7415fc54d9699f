/**
 * Counts how often each hashed feature occurs in one text, so the hashing embedder can
 * weight features by `1 + ln(count)` (sublinear term frequency) rather than by raw count.
 * An open-addressing table in one Int32Array of (key, count) pairs, reused across texts:
 * only the slots a text used are cleared, and a table grown by a huge text is dropped
 * back to its usual size afterwards. The low two bits of a key name its feature kind,
 * which picks its weight, so no weight is stored per slot.
 */
import { dimensionScale, finalizeHash } from './feature-hash.js';

const initialCapacity = 1 << 12;
const retainedCapacity = 1 << 18;
const kindMask = 3;
/** Counts below this find `1 + ln(count)` in a table instead of calling Math.log. */
const tabulatedCounts = 256;
const logWeights = Float64Array.from({ length: tabulatedCounts }, (_, count) =>
  count === 0 ? 0 : 1 + Math.log(count),
);

/** Reusable per-text feature counts keyed by 30-bit feature hash and 2-bit kind. */
export class FeatureCounter {
  /** Slot `s` holds its key at `2s` (0 when empty) and its count at `2s + 1`. */
  private table = new Int32Array(initialCapacity * 2);
  private used = new Int32Array(initialCapacity >> 1);
  private size = 0;
  private mask = initialCapacity - 1;
  /** Fibonacci hashing: the top bits of `key * golden ratio` pick the home slot. */
  private shift = 32 - Math.log2(initialCapacity);

  /** `kindWeights[kind]` is the weight of features of kind 0 to 3. */
  constructor(private readonly kindWeights: readonly [number, number, number, number]) {}

  /** Number of distinct features counted since the last `clear`. */
  get distinctFeatures(): number {
    return this.size;
  }

  /** Counts one occurrence of `feature` of `kind` (0 to 3). */
  add(feature: number, kind: number): void {
    // The kind lives in the low two bits (-4 clears them; a literal, not kindMask, on this
    // hot path); key 0 marks an empty slot, so kind 0 never yields it.
    let key = (feature & -4) | kind;
    if (key === 0) key = 4;
    const table = this.table;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const present = table[slot * 2] as number;
      if (present === key) {
        table[slot * 2 + 1] = (table[slot * 2 + 1] as number) + 1;
        return;
      }
      if (present === 0) break;
      slot = (slot + 1) & this.mask;
    }
    table[slot * 2] = key;
    table[slot * 2 + 1] = 1;
    this.used[this.size] = slot;
    this.size += 1;
    if (this.size > this.mask >> 1) this.grow();
  }

  /**
   * Adds every counted feature into `vector` at the dimension its finalized hash picks
   * (top bits), with the sign it picks (lowest bit) and magnitude
   * `weight of its kind * (1 + ln(count))`.
   */
  addTo(vector: Float64Array): void {
    const scaleToDimensions = dimensionScale(vector.length);
    const table = this.table;
    for (let index = 0; index < this.size; index += 1) {
      const slot = this.used[index] as number;
      const key = table[slot * 2] as number;
      const mixed = finalizeHash(key);
      const dimension = Math.floor(mixed * scaleToDimensions);
      const weight = this.kindWeights[key & kindMask] as number;
      const count = table[slot * 2 + 1] as number;
      const magnitude =
        count === 1
          ? weight
          : weight *
            (count < tabulatedCounts ? (logWeights[count] as number) : 1 + Math.log(count));
      // The sign multiplies rather than branches: it is random, so a branch would mispredict.
      vector[dimension] = (vector[dimension] as number) + magnitude * (1 - ((mixed & 1) << 1));
    }
  }

  /** Forgets all counts, keeping the table unless a huge text grew it. */
  clear(): void {
    if (this.mask + 1 > retainedCapacity) {
      this.allocate(initialCapacity);
      return;
    }
    for (let index = 0; index < this.size; index += 1) {
      this.table[(this.used[index] as number) * 2] = 0;
    }
    this.size = 0;
  }

  private grow(): void {
    const table = this.table;
    const used = this.used;
    const size = this.size;
    this.allocate((this.mask + 1) * 2);
    for (let index = 0; index < size; index += 1) {
      const slot = used[index] as number;
      this.insert(table[slot * 2] as number, table[slot * 2 + 1] as number);
    }
  }

  private insert(key: number, count: number): void {
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.table[slot * 2] !== 0) slot = (slot + 1) & this.mask;
    this.table[slot * 2] = key;
    this.table[slot * 2 + 1] = count;
    this.used[this.size] = slot;
    this.size += 1;
  }

  private allocate(capacity: number): void {
    this.table = new Int32Array(capacity * 2);
    this.used = new Int32Array(capacity >> 1);
    this.size = 0;
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }
}
