import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ArchonError } from '../../core/errors.js';
import type { VectorIndex } from '../../core/vector-index.js';
import { createUsearchIndex, loadUsearchIndex, type UsearchIndexOptions } from './usearch-index.js';

const dimensions = 8;

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'archon-usearch-'));
}

/** A unit vector pointing mostly along `axis`, tilted by `tilt` towards the next axis. */
function axisVector(axis: number, tilt = 0): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[axis % dimensions] = 1;
  vector[(axis + 1) % dimensions] = tilt;
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}

/** `count` distinct unit vectors, deterministic. */
function spreadVectors(count: number): Float32Array[] {
  return Array.from({ length: count }, (_, index) => {
    const vector = new Float32Array(dimensions);
    for (let column = 0; column < dimensions; column++)
      vector[column] = Math.sin((index + 1) * (column + 3) * 0.37);
    const length = Math.hypot(...vector);
    return vector.map((value) => value / length);
  });
}

function expectArchonError(run: () => unknown, code: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(ArchonError.isInstance(caught), `expected ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as ArchonError).code).toBe(code);
  expect((caught as Error).message).toMatch(pattern);
}

function idsOf(
  index: VectorIndex,
  query: Float32Array,
  limit: number,
  accept?: (id: number) => boolean,
): number[] {
  return index.search(query, limit, accept).map((match) => match.id);
}

describe.each(['i8', 'f16', 'f32'] as const)('usearch index with %s vectors', (quantization) => {
  const create = (options: Partial<UsearchIndexOptions> = {}): VectorIndex =>
    createUsearchIndex({ dimensions, quantization, ...options });

  it('finds the nearest vectors with cosine similarity, best first', () => {
    const index = create();
    index.add([10, 20, 30], [axisVector(0), axisVector(1), axisVector(0, 0.3)]);
    expect(index.size).toBe(3);
    expect(index.dimensions).toBe(dimensions);
    const matches = index.search(axisVector(0), 3);
    expect(matches.map((match) => match.id)).toEqual([10, 30, 20]);
    expect(matches[0]!.similarity).toBeCloseTo(1, 2);
    expect(matches[1]!.similarity).toBeCloseTo(1 / Math.hypot(1, 0.3), 2);
    expect(matches[2]!.similarity).toBeCloseTo(0, 2);
  });

  it('replaces the vector of an id added again', () => {
    const index = create();
    index.add([1, 2], [axisVector(0), axisVector(1)]);
    index.add([1], [axisVector(5)]);
    expect(index.size).toBe(2);
    expect(idsOf(index, axisVector(5), 1)).toEqual([1]);
    expect(index.search(axisVector(0), 2).every((match) => match.similarity < 0.5)).toBe(true);
  });

  it('keeps the last vector when one batch repeats an id', () => {
    const index = create();
    index.add([7, 7, 8], [axisVector(0), axisVector(3), axisVector(1)]);
    expect(index.size).toBe(2);
    expect(idsOf(index, axisVector(3), 1)).toEqual([7]);
  });

  it('removes ids and ignores unknown ones', () => {
    const index = create();
    index.add([1, 2, 3], [axisVector(0), axisVector(1), axisVector(2)]);
    index.remove([2, 999]);
    index.remove([]);
    expect(index.size).toBe(2);
    expect(idsOf(index, axisVector(1), 3).sort()).toEqual([1, 3]);
    index.add([2], [axisVector(1)]);
    expect(idsOf(index, axisVector(1), 1)).toEqual([2]);
  });

  it('returns nothing from an empty index or for limit 0, and at most size matches', () => {
    const index = create();
    expect(index.search(axisVector(0), 5)).toEqual([]);
    index.add([], []);
    expect(index.size).toBe(0);
    index.add([4], [axisVector(0)]);
    expect(index.search(axisVector(0), 0)).toEqual([]);
    expect(idsOf(index, axisVector(0), 10)).toEqual([4]);
  });

  it('returns only accepted ids and fills the limit', () => {
    // A wider insert search than the default, so that a busy multi-threaded build
    // cannot leave one of the two ids of the exhaustive case below unreachable.
    const index = create({ expansionAdd: 256 });
    const vectors = spreadVectors(300);
    index.add(
      vectors.map((_, id) => id),
      vectors,
    );
    const asked: number[] = [];
    const accept = (id: number): boolean => {
      asked.push(id);
      return id % 10 === 3;
    };
    const found = idsOf(index, vectors[0]!, 12, accept);
    expect(found).toHaveLength(12);
    expect(found.every((id) => id % 10 === 3)).toBe(true);
    expect(new Set(asked).size).toBe(asked.length);
    // Exhausts the index when too few ids pass: every id it reaches is checked. A graph
    // built on several threads can leave a node unreachable under load, so an
    // approximate index promises only accepted ids, not both (exact scans cover that).
    const narrow: number[] = [];
    const rare = idsOf(index, vectors[0]!, 50, (id) => {
      narrow.push(id);
      return id === 42 || id === 250;
    });
    expect(rare.length).toBeGreaterThan(0);
    expect(rare.every((id) => id === 42 || id === 250)).toBe(true);
    expect(new Set(narrow).size).toBeGreaterThan(290);
    expect(index.search(vectors[0]!, 5, () => false)).toEqual([]);
  });

  it('saves atomically and loads the same index back', () => {
    const directory = temporaryDirectory();
    const path = join(directory, 'nested', 'chunks.usearch');
    const index = create({ connectivity: 8, expansionAdd: 40, expansionSearch: 20 });
    const vectors = spreadVectors(200);
    index.add(
      vectors.map((_, id) => id + 1000),
      vectors,
    );
    index.remove([1000]);
    index.save(path);
    index.save(path); // overwrites in place
    expect(readdirSync(join(directory, 'nested'))).toEqual(['chunks.usearch']);

    const loaded = loadUsearchIndex(path, dimensions);
    expect(loaded.size).toBe(199);
    expect(loaded.dimensions).toBe(dimensions);
    for (const row of [5, 77, 150]) {
      expect(idsOf(loaded, vectors[row]!, 1)).toEqual(idsOf(index, vectors[row]!, 1));
    }
    loaded.add([5000], [axisVector(0)]);
    expect(loaded.size).toBe(200);
  });
});

describe('usearch index under churn', () => {
  const churnVectors = spreadVectors(600);

  it('keeps removing and re-adding without hanging, and counts live vectors', () => {
    const index = createUsearchIndex({ dimensions, connectivity: 8, expansionAdd: 32 });
    let next = 0;
    const live: number[] = [];
    for (let round = 0; round < 40; round++) {
      const ids = Array.from({ length: 15 }, () => next++);
      index.add(
        ids,
        ids.map((id) => churnVectors[id % churnVectors.length]!),
      );
      live.push(...ids);
      index.remove(live.splice(0, 10));
      index.add([live[0]!], [axisVector(round)]); // a replacement each round
    }
    expect(index.size).toBe(live.length);
    const found = idsOf(index, churnVectors[599 % churnVectors.length]!, live.length);
    expect(new Set(found).size).toBe(found.length);
    expect(found.every((id) => live.includes(id))).toBe(true);
  });

  it('saves and loads an index after most of it was removed', () => {
    const path = join(temporaryDirectory(), 'churned.usearch');
    const index = createUsearchIndex({ dimensions });
    const ids = churnVectors.map((_, id) => id);
    index.add(ids, churnVectors);
    index.remove(ids.slice(0, 450));
    index.add([3, 500], [axisVector(2), axisVector(4)]); // one removed id back, one replaced
    index.save(path);

    const loaded = loadUsearchIndex(path, dimensions);
    expect(loaded.size).toBe(151);
    expect(idsOf(loaded, axisVector(2), 1)).toEqual([3]);
    expect(idsOf(loaded, axisVector(4), 1)).toEqual([500]);
    expect(idsOf(loaded, churnVectors[10]!, 151).every((id) => id === 3 || id >= 450)).toBe(true);
    loaded.add(ids.slice(0, 300), churnVectors.slice(0, 300));
    expect(loaded.size).toBe(450);
    expect(idsOf(loaded, churnVectors[100]!, 1)).toEqual([100]);
  });
});

describe('usearch index input checks', () => {
  const index = createUsearchIndex({ dimensions });

  it('rejects vectors of the wrong length, non-finite or zero vectors', () => {
    expectArchonError(
      () => index.add([1], [new Float32Array(3)]),
      'INVALID_EMBEDDING',
      /id 1 has 3 dimensions.*expects 8/,
    );
    expectArchonError(
      () => index.add([1], [[1, 2] as unknown as Float32Array]),
      'INVALID_EMBEDDING',
      /not a Float32Array/,
    );
    const withNaN = axisVector(0);
    withNaN[2] = Number.NaN;
    expectArchonError(
      () => index.add([1], [withNaN]),
      'INVALID_EMBEDDING',
      /non-finite value at position 2/,
    );
    expectArchonError(
      () => index.add([1], [new Float32Array(dimensions)]),
      'INVALID_EMBEDDING',
      /all zeros/,
    );
    expectArchonError(
      () => index.search(new Float32Array(2), 3),
      'INVALID_EMBEDDING',
      /query vector has 2/,
    );
    expect(index.size).toBe(0);
  });

  it('rejects bad ids, mismatched lengths and bad limits', () => {
    expectArchonError(
      () => index.add([1, 2], [axisVector(0)]),
      'INVALID_INPUT',
      /2 ids but 1 vectors/,
    );
    expectArchonError(
      () => index.add([-1], [axisVector(0)]),
      'INVALID_INPUT',
      /non-negative integers, got -1/,
    );
    expectArchonError(() => index.add([1.5], [axisVector(0)]), 'INVALID_INPUT', /got 1.5/);
    expectArchonError(() => index.remove([Number.NaN]), 'INVALID_INPUT', /got NaN/);
    expectArchonError(
      () => index.search(axisVector(0), -1),
      'INVALID_INPUT',
      /limit must be a non-negative integer/,
    );
    expectArchonError(() => index.search(axisVector(0), 2.5), 'INVALID_INPUT', /got 2.5/);
  });

  it('rejects bad options with INVALID_CONFIG', () => {
    expectArchonError(
      () => createUsearchIndex({ dimensions: 0 }),
      'INVALID_CONFIG',
      /dimensions must be an integer/,
    );
    expectArchonError(
      () => createUsearchIndex({ dimensions: 4, connectivity: 1 }),
      'INVALID_CONFIG',
      /connectivity/,
    );
    expectArchonError(
      () => createUsearchIndex({ dimensions: 4, expansionAdd: 0 }),
      'INVALID_CONFIG',
      /expansionAdd/,
    );
    expectArchonError(
      () => createUsearchIndex({ dimensions: 4, expansionSearch: 1.5 }),
      'INVALID_CONFIG',
      /expansionSearch/,
    );
    expectArchonError(
      () => createUsearchIndex({ dimensions: 4, quantization: 'b1' as 'i8' }),
      'INVALID_CONFIG',
      /quantization must be f32, f16 or i8, got "b1"/,
    );
    expectArchonError(() => loadUsearchIndex('/nowhere', -3), 'INVALID_CONFIG', /dimensions/);
  });
});

describe('usearch index files', () => {
  const savedIndex = (): { path: string; bytes: Buffer } => {
    const path = join(temporaryDirectory(), 'index.usearch');
    const index = createUsearchIndex({ dimensions });
    const vectors = spreadVectors(50);
    index.add(
      vectors.map((_, id) => id),
      vectors,
    );
    index.save(path);
    return { path, bytes: readFileSync(path) };
  };

  it('refuses a missing file', () => {
    expectArchonError(
      () => loadUsearchIndex(join(temporaryDirectory(), 'absent.usearch'), dimensions),
      'STORAGE_ERROR',
      /does not exist/,
    );
  });

  it('refuses a file built for other dimensions', () => {
    const { path } = savedIndex();
    expectArchonError(
      () => loadUsearchIndex(path, 384),
      'STORAGE_ERROR',
      /has 8 dimensions; expected 384/,
    );
  });

  it('refuses truncated, damaged and foreign files', () => {
    const { path, bytes } = savedIndex();
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expectArchonError(
      () => loadUsearchIndex(path, dimensions),
      'STORAGE_ERROR',
      /not an Archon vector index/,
    );

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x40;
    writeFileSync(path, flipped);
    expectArchonError(
      () => loadUsearchIndex(path, dimensions),
      'STORAGE_ERROR',
      /corrupt \(checksum mismatch\)/,
    );

    writeFileSync(path, Buffer.concat([Buffer.alloc(10), bytes]));
    expectArchonError(
      () => loadUsearchIndex(path, dimensions),
      'STORAGE_ERROR',
      /bytes but its trailer expects/,
    );

    writeFileSync(path, 'not an index');
    expectArchonError(() => loadUsearchIndex(path, dimensions), 'STORAGE_ERROR', /too short/);
  });

  it('refuses a path that cannot be opened', () => {
    const tooLong = join(temporaryDirectory(), 'x'.repeat(5000));
    expectArchonError(
      () => loadUsearchIndex(tooLong, dimensions),
      'STORAGE_ERROR',
      /cannot be opened/,
    );
  });

  it('reports a save that cannot write and leaves no temp file', () => {
    const directory = temporaryDirectory();
    const blocker = join(directory, 'file');
    writeFileSync(blocker, 'x');
    const index = createUsearchIndex({ dimensions });
    expectArchonError(
      () => index.save(join(blocker, 'index.usearch')),
      'STORAGE_ERROR',
      /could not be saved/,
    );
    expect(readdirSync(directory)).toEqual(['file']);
  });
});
