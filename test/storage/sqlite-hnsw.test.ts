/**
 * The HNSW path of the SQLite store, with a threshold of 50 vectors: the index
 * file beside the database, incremental catch-up after writes (from this
 * connection or another), rebuilds when the file is missing, corrupt or not the
 * one recorded, filters, reindexing, and release when the base shrinks. Results
 * are compared with the exact search of a second connection to the same file.
 */
import { existsSync } from 'node:fs';
import { copyFile, rm, writeFile } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SearchFilter } from '../../src/core/knowledge-types.js';
import { fingerprintOf } from '../../src/storage/sqlite/hnsw-index-file.js';
import type { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';
import { seededRandom } from '../fixtures/storage/crash-workload.js';
import {
  chunk,
  documentWrite,
  sourceInput,
  testDimensions,
} from '../fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../fixtures/storage/temporary-sqlite-store.js';

const threshold = 50;
const random = seededRandom(99);

function randomVector(): Float32Array {
  return Float32Array.from({ length: testDimensions }, () => random() * 2 - 1);
}

describe('SQLite store on the HNSW path', () => {
  let temporary: TemporarySqliteStore;
  let store: SqliteKnowledgeStore;
  let exact: SqliteKnowledgeStore;
  let sourceId: string;
  let otherSourceId: string;
  const indexPath = () => `${temporary.path}.hnsw`;
  const initial = new Map<string, { id: string; vectors: Float32Array[] }>();

  async function writeDocument(
    uri: string,
    count: number,
    options: { source?: string; tags?: string[] } = {},
  ) {
    const chunks = Array.from({ length: count }, (_, index) =>
      chunk(index, { vector: randomVector(), language: index % 3 === 0 ? 'python' : 'markdown' }),
    );
    const written = await store.writeDocument(
      documentWrite(options.source ?? sourceId, uri, chunks, { tags: options.tags ?? [] }),
    );
    return { id: written.id, vectors: chunks.map((item) => item.vector) };
  }

  /** Top ids from the HNSW store and from the exact connection, for comparison. */
  async function bothSearches(vector: Float32Array, limit: number, filter?: SearchFilter) {
    const approximate = await store.vectorSearch({ vector, limit, filter });
    const reference = await exact.vectorSearch({ vector, limit, filter });
    const allowed = await exact.vectorSearch({ vector, limit: 100_000, filter });
    return {
      approximate: approximate.map((hit) => hit.chunkId),
      reference: reference.map((hit) => hit.chunkId),
      allowed: new Set(allowed.map((hit) => hit.chunkId)),
    };
  }

  /**
   * The index stores int8-quantized vectors, so near ties may swap places: the
   * answer must pass the filter, be as long, and share at least 80% with exact search.
   */
  async function expectCloseToExact(vector: Float32Array, limit = 10, filter?: SearchFilter) {
    const { approximate, reference, allowed } = await bothSearches(vector, limit, filter);
    expect(approximate).toHaveLength(reference.length);
    for (const id of approximate) expect(allowed.has(id)).toBe(true);
    const shared = approximate.filter((id) => reference.includes(id)).length;
    if (reference.length > 0) expect(shared / reference.length).toBeGreaterThanOrEqual(0.8);
  }

  beforeEach(async () => {
    temporary = await temporarySqliteStore({ hnswThreshold: threshold });
    store = temporary.store;
    exact = temporary.sibling(1_000_000);
    await exact.open();
    sourceId = (await store.upsertSource(sourceInput('main'))).id;
    otherSourceId = (await store.upsertSource(sourceInput('other'))).id;
    initial.clear();
    for (let index = 0; index < 6; index += 1) {
      const uri = `doc-${index}.md`;
      initial.set(uri, await writeDocument(uri, 20, { tags: index % 2 === 0 ? ['even'] : [] }));
    }
    await writeDocument('other.md', 30, { source: otherSourceId });
  });
  afterEach(async () => {
    await temporary.cleanup();
  });

  it('switches to the index at the threshold, saves it beside the database and finds what exact search finds', async () => {
    expect((await store.stats()).vectorIndex).toBe('hnsw');
    expect(existsSync(indexPath())).toBe(false);
    for (let round = 0; round < 5; round += 1) await expectCloseToExact(randomVector());
    expect(existsSync(indexPath())).toBe(true);
  });

  it('catches up with adds, rewrites, removals and new vectors without rebuilding', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    const saved = fingerprintOf(indexPath());

    const added = await writeDocument('added.md', 3);
    const [first] = await store.vectorSearch({
      vector: added.vectors[1] as Float32Array,
      limit: 1,
    });
    expect(first?.score).toBeCloseTo(1, 4);
    const addedIds = (await store.getDocument(added.id))?.chunks.map((item) => item.id) ?? [];
    expect(first?.chunkId).toBe(addedIds[1]);

    const rewritten = await writeDocument('added.md', 2);
    const rewrittenIds =
      (await store.getDocument(rewritten.id))?.chunks.map((item) => item.id) ?? [];
    const afterRewrite = await store.vectorSearch({
      vector: added.vectors[1] as Float32Array,
      limit: 5,
    });
    expect(afterRewrite.map((hit) => hit.chunkId)).not.toContain(addedIds[1]);
    const [newest] = await store.vectorSearch({
      vector: rewritten.vectors[0] as Float32Array,
      limit: 1,
    });
    expect(newest?.chunkId).toBe(rewrittenIds[0]);

    await store.removeDocuments(sourceId, ['added.md', 'doc-0.md']);
    const afterRemoval = await store.vectorSearch({
      vector: rewritten.vectors[0] as Float32Array,
      limit: 5,
    });
    expect(afterRemoval.map((hit) => hit.chunkId)).not.toContain(rewrittenIds[0]);

    const late = await writeDocument('late.md', 2);
    const lateIds = (await store.getDocument(late.id))?.chunks.map((item) => item.id) ?? [];
    const moved = late.vectors[1] as Float32Array;
    const [found] = await store.vectorSearch({ vector: moved, limit: 1 });
    expect(found?.chunkId).toBe(lateIds[1]);
    for (let round = 0; round < 3; round += 1) await expectCloseToExact(randomVector());
    expect(fingerprintOf(indexPath())).toBe(saved);

    // Closing with vectors still in the delta keeps the file: the log holds the rest.
    await store.close();
    expect(fingerprintOf(indexPath())).toBe(saved);
    const reopened = temporary.sibling(threshold);
    await reopened.open();
    const [again] = await reopened.vectorSearch({ vector: moved, limit: 1 });
    expect(again?.chunkId).toBe(lateIds[1]);
    expect(fingerprintOf(indexPath())).toBe(saved);
    expect(await reopened.prepareVectorIndex()).toBe('hnsw');
    const refreshed = fingerprintOf(indexPath());
    expect(refreshed).not.toBe(saved);
    const [afterRefresh] = await reopened.vectorSearch({ vector: moved, limit: 1 });
    expect(afterRefresh?.chunkId).toBe(lateIds[1]);
  });

  it('follows a stored vector that was replaced', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    const target = (await store.listChunksForEmbedding(0, 1))[0]?.id as number;
    const moved = randomVector();
    await store.writeEmbeddings([{ chunkId: target, vector: moved }]);
    const [found] = await store.vectorSearch({ vector: moved, limit: 1 });
    expect(found?.chunkId).toBe(target);
    expect(found?.score).toBeGreaterThan(0.99);
    await expectCloseToExact(randomVector());
  });

  it('rebuilds when the index file is deleted', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    await store.close();
    await rm(indexPath());
    store = temporary.sibling(threshold);
    await store.open();
    await expectCloseToExact(randomVector());
    expect(existsSync(indexPath())).toBe(true);
  });

  it('rebuilds when the index file cannot be loaded', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    await store.close();
    await writeFile(indexPath(), 'definitely not an HNSW index');
    temporary
      .raw()
      .prepare('UPDATE vector_index_state SET file_fingerprint = ?')
      .run(fingerprintOf(indexPath()));
    store = temporary.sibling(threshold);
    await store.open();
    await expectCloseToExact(randomVector());
    expect(fingerprintOf(indexPath())).not.toBe(null);
  });

  it('rebuilds when the file on disk is not the one the database recorded', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    await store.close();
    const stale = `${indexPath()}.stale`;
    await copyFile(indexPath(), stale);
    store = temporary.sibling(threshold);
    await store.open();
    const removed = initial.get('doc-1.md');
    const removedIds = (await store.getDocument(removed?.id ?? ''))?.chunks.map((item) => item.id);
    await store.removeDocuments(sourceId, ['doc-1.md', 'doc-2.md']);
    const fresh = await writeDocument('fresh.md', 10);
    const freshIds = (await store.getDocument(fresh.id))?.chunks.map((item) => item.id) ?? [];
    await store.close();
    await copyFile(stale, indexPath());
    store = temporary.sibling(threshold);
    await store.open();
    for (const [index, vector] of (removed?.vectors ?? []).entries()) {
      const [nearest] = await store.vectorSearch({ vector, limit: 1 });
      expect(nearest?.chunkId).not.toBe(removedIds?.[index]);
    }
    for (const [index, vector] of fresh.vectors.entries()) {
      const [nearest] = await store.vectorSearch({ vector, limit: 1 });
      expect(nearest?.chunkId).toBe(freshIds[index]);
    }
    await expectCloseToExact(randomVector());
  });

  it('applies filters on the index path, with selective filters answered exactly', async () => {
    const filters: SearchFilter[] = [
      { languages: ['markdown'] },
      { tags: ['even'] },
      { sourceIds: [otherSourceId] },
      { languages: ['python'], sourceIds: [sourceId] },
      { kind: 'code' },
      { kind: 'text', tags: ['even'] },
    ];
    for (const filter of filters) {
      for (let round = 0; round < 3; round += 1)
        await expectCloseToExact(randomVector(), 8, filter);
    }
  });

  it('drops the index on reset and rebuilds it for the new dimensions', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    expect(existsSync(indexPath())).toBe(true);
    const spec = { modelId: 'test:wider', dimensions: 12 };
    await store.resetEmbeddings(spec);
    expect(existsSync(indexPath())).toBe(false);
    let afterId = 0;
    for (;;) {
      const page = await store.listChunksForEmbedding(afterId, 40);
      if (page.length === 0) break;
      await store.writeEmbeddings(
        page.map((item) => ({
          chunkId: item.id,
          vector: Float32Array.from({ length: 12 }, () => random() * 2 - 1),
        })),
      );
      afterId = page.at(-1)?.id as number;
    }
    const query = Float32Array.from({ length: 12 }, () => random() * 2 - 1);
    expect(await store.getEmbeddingSpec()).toEqual(spec);
    await expectCloseToExact(query);
    expect(existsSync(indexPath())).toBe(true);
  });

  it('drops the graph file when the base shrinks below the threshold and builds one when it regrows', async () => {
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    expect(existsSync(indexPath())).toBe(true);
    const mainDocuments = Array.from({ length: 6 }, (_, index) => `doc-${index}.md`);
    await store.removeDocuments(sourceId, mainDocuments);
    expect((await store.stats()).vectorIndex).toBe('exact');
    await expectCloseToExact(randomVector());
    // 30 vectors left: exact search over the in-memory delta, no graph file.
    expect(existsSync(indexPath())).toBe(false);
    await store.removeDocuments(otherSourceId, ['other.md']);
    expect(await store.vectorSearch({ vector: randomVector(), limit: 5 })).toEqual([]);
    for (let index = 0; index < 3; index += 1) await writeDocument(`again-${index}.md`, 20);
    await expectCloseToExact(randomVector());
    expect(existsSync(indexPath())).toBe(true);
  });

  it('sees writes and saves made through another connection', async () => {
    const other = temporary.sibling(threshold);
    await other.open();
    await store.vectorSearch({ vector: randomVector(), limit: 5 });
    await other.vectorSearch({ vector: randomVector(), limit: 5 });
    const vector = randomVector();
    const written = await other.writeDocument(
      documentWrite(sourceId, 'from-other.md', [chunk(0, { vector })]),
    );
    const id = (await other.getDocument(written.id))?.chunks[0]?.id;
    expect((await store.vectorSearch({ vector, limit: 1 }))[0]?.chunkId).toBe(id);
    await store.removeDocuments(sourceId, ['from-other.md']);
    await store.close();
    expect((await other.vectorSearch({ vector, limit: 1 }))[0]?.chunkId).not.toBe(id);
  });
});

describe('preparing the HNSW index ahead of searches', () => {
  it('builds it once the store reaches the threshold and reports the mode', async () => {
    const temporary = await temporarySqliteStore({ hnswThreshold: 5 });
    try {
      const { store } = temporary;
      const source = await store.upsertSource(sourceInput('main'));
      await store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0), chunk(1)]));
      expect(await store.prepareVectorIndex()).toBe('exact');
      expect(existsSync(`${temporary.path}.hnsw`)).toBe(false);
      const chunks = Array.from({ length: 6 }, (_, index) =>
        chunk(index, { vector: randomVector() }),
      );
      await store.writeDocument(documentWrite(source.id, 'b.md', chunks));
      expect(await store.prepareVectorIndex()).toBe('hnsw');
      expect(existsSync(`${temporary.path}.hnsw`)).toBe(true);
    } finally {
      await temporary.cleanup();
    }
  });
});
