/**
 * The approximate nearest-neighbour index: an HNSW graph from usearch behind
 * the VectorIndex contract. Keys are chunk ids, the metric is cosine, and the
 * stored vectors are quantized (int8 by default) to keep a million 384-dim
 * vectors well under 1 GB. Removing or replacing never removes from usearch
 * (its removal path hangs and corrupts memory, see key-table.ts): old keys are
 * marked dead and skipped. Saved files carry a checked trailer so a damaged
 * file is refused with STORAGE_ERROR (the store then rebuilds) instead of
 * reaching the native loader.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { VectorIndex, VectorMatch } from '../../core/vector-index.js';
import { appendIndexTrailer, type IndexFileFacts, readIndexTrailer } from './index-file-trailer.js';
import { handleOfKey, KeyTable } from './key-table.js';
import { searchAccepted } from './oversampled-search.js';
import { createNativeIndex, type NativeIndex } from './usearch-binding.js';
import { usearchDefaults } from './usearch-defaults.js';
import { packVectors } from './vector-packing.js';

/** Settings of a new index; everything but `dimensions` has a measured default. */
export interface UsearchIndexOptions {
  dimensions: number;
  /** HNSW neighbours per node (M); default 32. */
  connectivity?: number;
  /** Candidate list size while inserting; default 64. */
  expansionAdd?: number;
  /** Candidate list size while searching; default 128. */
  expansionSearch?: number;
  /** How vectors are stored; default 'i8' (per-vector scaled int8). */
  quantization?: 'f32' | 'f16' | 'i8';
}

/** Creates an empty in-memory index. Throws INVALID_CONFIG for bad options. */
export function createUsearchIndex(options: UsearchIndexOptions): VectorIndex {
  const facts: IndexFileFacts = {
    dimensions: checkSetting('dimensions', options.dimensions, 65_535),
    connectivity: checkSetting(
      'connectivity',
      options.connectivity ?? usearchDefaults.connectivity,
      512,
      2,
    ),
    expansionAdd: checkSetting(
      'expansionAdd',
      options.expansionAdd ?? usearchDefaults.expansionAdd,
      65_535,
    ),
    expansionSearch: checkSetting(
      'expansionSearch',
      options.expansionSearch ?? usearchDefaults.expansionSearch,
      65_535,
    ),
    quantization: options.quantization ?? usearchDefaults.quantization,
  };
  if (!['f32', 'f16', 'i8'].includes(facts.quantization)) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `vector index quantization must be f32, f16 or i8, got "${String(facts.quantization)}"`,
    );
  }
  return new UsearchVectorIndex(nativeFor(facts), facts, new KeyTable());
}

/**
 * Loads an index saved by `save`. Throws STORAGE_ERROR when the file is
 * missing, damaged, not an index, or built for other than `dimensions`.
 */
export function loadUsearchIndex(path: string, dimensions: number): VectorIndex {
  checkSetting('dimensions', dimensions, 65_535);
  const { facts, extension } = readIndexTrailer(path);
  if (facts.dimensions !== dimensions) {
    throw new ArchonError(
      ErrorCode.StorageError,
      `vector index file ${path} has ${facts.dimensions} dimensions; expected ${dimensions}`,
      { details: { path, found: facts.dimensions, expected: dimensions } },
    );
  }
  const keys = KeyTable.deserialize(extension);
  if (keys === undefined) {
    throw new ArchonError(
      ErrorCode.StorageError,
      `vector index file ${path} has a malformed key table`,
      {
        details: { path },
      },
    );
  }
  const native = nativeFor(facts);
  try {
    native.load(path);
  } catch (error) {
    throw new ArchonError(
      ErrorCode.StorageError,
      `vector index file ${path} could not be loaded: ${messageOf(error)}`,
      {
        details: { path },
        cause: error,
      },
    );
  }
  return new UsearchVectorIndex(native, facts, keys);
}

class UsearchVectorIndex implements VectorIndex {
  readonly dimensions: number;
  readonly #native: NativeIndex;
  readonly #facts: IndexFileFacts;
  readonly #keys: KeyTable;

  constructor(native: NativeIndex, facts: IndexFileFacts, keys: KeyTable) {
    this.#native = native;
    this.#facts = facts;
    this.#keys = keys;
    this.dimensions = facts.dimensions;
  }

  /** Live vectors: stored keys minus dead ones. */
  get size(): number {
    return this.#native.size() - this.#keys.deadCount;
  }

  add(ids: readonly number[], vectors: readonly Float32Array[]): void {
    if (ids.length !== vectors.length) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `vector index add got ${ids.length} ids but ${vectors.length} vectors`,
      );
    }
    // The last vector given for an id wins, as it would over several calls.
    const rowOfId = new Map<number, number>();
    ids.forEach((id, row) => rowOfId.set(checkId(id), row));
    const distinct = [...rowOfId.keys()];
    const rows = [...rowOfId.values()];
    const packed = packVectors(
      rows.map((row) => vectors[row]!),
      this.dimensions,
      this.#facts.quantization,
      (position) => `vector for id ${distinct[position]}`,
    );
    if (distinct.length === 0) return;
    this.#runNative('add', () => {
      const keys = this.#keys.keysForAdd(distinct, this.#stored(distinct));
      this.#native.add(keys, packed, 0);
    });
  }

  /** Marks the ids' vectors dead; unknown ids are ignored. */
  remove(ids: readonly number[]): void {
    ids.forEach(checkId);
    if (ids.length === 0) return;
    this.#keys.remove(ids, this.#stored(ids));
  }

  search(vector: Float32Array, limit: number, accept?: (id: number) => boolean): VectorMatch[] {
    const query = packVectors(
      [vector],
      this.dimensions,
      this.#facts.quantization,
      () => 'query vector',
    );
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `search limit must be a non-negative integer, got ${limit}`,
      );
    }
    const total = this.#native.size();
    if (limit === 0 || this.size === 0) return [];
    // Matches carry handles (see key-table.ts) until they are mapped back to ids.
    const searchTop = (k: number): VectorMatch[] => {
      const [keys, distances, counts] = this.#native.search(query, k, 1);
      const found = Number(counts[0] ?? 0n);
      const matches = new Array<VectorMatch>(found);
      for (let position = 0; position < found; position++) {
        const similarity = 1 - distances[position]!;
        matches[position] = {
          id: handleOfKey(keys[position]!),
          similarity: Math.max(-1, Math.min(1, similarity)),
        };
      }
      return matches;
    };
    const table = this.#keys;
    // Without dead keys there are no aliases either, so handles are ids.
    if (accept === undefined && table.deadCount === 0) return searchTop(Math.min(limit, total));
    const acceptHandle = (handle: number): boolean =>
      !table.isDead(handle) && (accept === undefined || accept(table.idOf(handle)));
    return searchAccepted(searchTop, limit, total, acceptHandle).map((match) => ({
      id: table.idOf(match.id),
      similarity: match.similarity,
    }));
  }

  /** Writes a sibling temp file, seals it with the trailer, syncs, then renames over `path`. */
  save(path: string): void {
    const directory = dirname(path);
    const temporary = join(
      directory,
      `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`,
    );
    try {
      mkdirSync(directory, { recursive: true });
      this.#native.save(temporary);
      appendIndexTrailer(temporary, this.#facts, this.#keys.serialize());
      renameSync(temporary, path);
    } catch (error) {
      removeQuietly(temporary);
      throw new ArchonError(
        ErrorCode.StorageError,
        `vector index could not be saved to ${path}: ${messageOf(error)}`,
        {
          details: { path },
          cause: error,
        },
      );
    }
  }

  /** Whether usearch holds a first key for each id (see key-table.ts). */
  #stored(ids: readonly number[]): boolean[] {
    return this.#native.contains(BigUint64Array.from(ids, (id) => BigInt(id)));
  }

  #runNative(action: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      throw new ArchonError(
        ErrorCode.StorageError,
        `vector index ${action} failed: ${messageOf(error)}`,
        { cause: error },
      );
    }
  }
}

/** Best-effort cleanup; the original error is the one worth reporting. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there, or it cannot be reached: nothing to clean.
  }
}

function nativeFor(facts: IndexFileFacts): NativeIndex {
  return createNativeIndex(
    facts.dimensions,
    facts.quantization,
    facts.connectivity,
    facts.expansionAdd,
    facts.expansionSearch,
  );
}

function checkSetting(name: string, value: number, maximum: number, minimum = 1): number {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `vector index ${name} must be an integer from ${minimum} to ${maximum}, got ${String(value)}`,
    );
  }
  return value;
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `vector ids must be non-negative integers, got ${String(id)}`,
    );
  }
  return id;
}

function messageOf(error: unknown): string {
  return ArchonError.isInstance(error) || error instanceof Error ? error.message : String(error);
}
