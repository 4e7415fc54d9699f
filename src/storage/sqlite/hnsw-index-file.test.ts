import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { fingerprintOf, hnswPathOf, removeIndexFile, saveIndexFile } from './hnsw-index-file.js';
import { loadUsearchFactory } from './sqlite-usearch-factory.js';

describe('HNSW index file', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'archon-hnsw-file-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('lives beside the database, except for in-memory databases', () => {
    expect(hnswPathOf('/data/archon.db')).toBe('/data/archon.db.hnsw');
    expect(hnswPathOf(':memory:')).toBeNull();
  });

  it('saves atomically and identifies each saved file', async () => {
    const factory = await loadUsearchFactory();
    const index = factory.create(4);
    index.add([1], [Float32Array.from([1, 0, 0, 0])]);
    const path = join(directory, 'a.hnsw');
    expect(fingerprintOf(path)).toBeNull();
    const first = saveIndexFile(index, path);
    expect(fingerprintOf(path)).toBe(first);
    const second = saveIndexFile(index, path);
    expect(second).not.toBe(first);
    expect(factory.load(path, 4).size).toBe(1);
    removeIndexFile(path);
    removeIndexFile(path);
    expect(fingerprintOf(path)).toBeNull();
  });

  it('reports a file it cannot write as STORAGE_ERROR', async () => {
    const factory = await loadUsearchFactory();
    const blocker = join(directory, 'not-a-directory');
    await writeFile(blocker, 'x');
    expect(() => saveIndexFile(factory.create(4), join(blocker, 'a.hnsw'))).toThrow(
      expect.objectContaining({
        code: ErrorCode.StorageError,
        message: expect.stringMatching(/cannot save the vector index/),
      }),
    );
  });
});
