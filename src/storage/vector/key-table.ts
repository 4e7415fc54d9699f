/**
 * Maps chunk ids to the keys stored in usearch without ever removing a key.
 * usearch 2.25.3 misbehaves once entries are removed: `add` can hang when it
 * reuses freed slots, and loading a file with many removed slots corrupts the
 * heap (both reproduced). So removal only marks a key dead, and re-adding an id
 * stores its new vector under a fresh alias key (2^53 and up, beyond any id)
 * while the old key becomes dead. Searches skip dead keys.
 *
 * A key is named in JavaScript by a "handle": the id itself for its first key,
 * a negative number for an alias. Only live aliases need their id remembered.
 */

/** First alias key; chunk ids are safe integers, so they stay below it. */
const aliasBase = 2n ** 53n;

/** Turns a usearch key into a handle. */
export function handleOfKey(key: bigint): number {
  return key < aliasBase ? Number(key) : -Number(key - aliasBase) - 1;
}

/** Turns a handle into its usearch key. */
export function keyOfHandle(handle: number): bigint {
  return handle >= 0 ? BigInt(handle) : aliasBase + BigInt(-handle - 1);
}

/** The bookkeeping that goes with an index: aliases of replaced ids and dead keys. */
export class KeyTable {
  /** id -> its live or last alias handle, for ids that were replaced. */
  readonly #aliasOfId = new Map<number, number>();
  /** alias handle -> id, for the current alias of each replaced id. */
  readonly #idOfAlias = new Map<number, number>();
  readonly #dead = new Set<number>();
  #aliasCount = 0;

  /** Number of dead keys still stored in usearch. */
  get deadCount(): number {
    return this.#dead.size;
  }

  /** True when the key with `handle` was removed or replaced. */
  isDead(handle: number): boolean {
    return this.#dead.has(handle);
  }

  /** The id a live handle stands for. */
  idOf(handle: number): number {
    return handle >= 0 ? handle : (this.#idOfAlias.get(handle) ?? Number.NaN);
  }

  /**
   * The keys under which to store `ids` (distinct). `stored[i]` says whether
   * usearch already holds a first key for `ids[i]`. Live keys the ids had become
   * dead; an id usearch has seen before gets a fresh alias (keys cannot repeat).
   */
  keysForAdd(ids: readonly number[], stored: readonly boolean[]): BigUint64Array {
    const keys = new BigUint64Array(ids.length);
    ids.forEach((id, position) => {
      const latest = this.#latestHandle(id, stored[position] === true);
      if (latest === undefined) {
        keys[position] = BigInt(id);
        return;
      }
      this.#dead.add(latest);
      this.#idOfAlias.delete(latest);
      const alias = -++this.#aliasCount;
      this.#aliasOfId.set(id, alias);
      this.#idOfAlias.set(alias, id);
      keys[position] = keyOfHandle(alias);
    });
    return keys;
  }

  /** Marks the live keys of `ids` dead; `stored` as for {@link keysForAdd}. Unknown ids are ignored. */
  remove(ids: readonly number[], stored: readonly boolean[]): void {
    ids.forEach((id, position) => {
      const latest = this.#latestHandle(id, stored[position] === true);
      if (latest !== undefined) this.#dead.add(latest);
    });
  }

  /** Compact binary form, saved with the index file. */
  serialize(): Buffer {
    const numbers = [this.#aliasCount, this.#aliasOfId.size, this.#dead.size];
    for (const [id, alias] of this.#aliasOfId) numbers.push(id, alias);
    numbers.push(...this.#dead);
    const buffer = Buffer.alloc(numbers.length * 8);
    numbers.forEach((value, index) => buffer.writeDoubleLE(value, index * 8));
    return buffer;
  }

  /** Reads {@link serialize}'s output; returns undefined when it is malformed. */
  static deserialize(buffer: Buffer): KeyTable | undefined {
    if (buffer.length % 8 !== 0 || buffer.length < 24) return undefined;
    const numbers = Array.from({ length: buffer.length / 8 }, (_, index) =>
      buffer.readDoubleLE(index * 8),
    );
    if (!numbers.every(Number.isSafeInteger)) return undefined;
    const [aliasCount = 0, aliasEntries = 0, deadEntries = 0] = numbers;
    if (numbers.length !== 3 + aliasEntries * 2 + deadEntries) return undefined;
    const table = new KeyTable();
    table.#aliasCount = aliasCount;
    for (let entry = 0; entry < aliasEntries; entry++) {
      const id = numbers[3 + entry * 2]!;
      const alias = numbers[4 + entry * 2]!;
      table.#aliasOfId.set(id, alias);
      table.#idOfAlias.set(alias, id);
    }
    for (const handle of numbers.slice(3 + aliasEntries * 2)) table.#dead.add(handle);
    return table;
  }

  /** The last handle usearch stored for `id` (live or dead), if it stored any. */
  #latestHandle(id: number, storedAsFirstKey: boolean): number | undefined {
    return this.#aliasOfId.get(id) ?? (storedAsFirstKey ? id : undefined);
  }
}
