import { rm } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../test/fixtures/storage/crash-workload.js';
import {
  chunk,
  documentWrite,
  sourceInput,
  testDimensions,
  testSpec,
} from '../../../test/fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../../../test/fixtures/storage/temporary-sqlite-store.js';
import { blobToVector } from './embedding-validation.js';
import { fingerprintOf, saveIndexFile } from './hnsw-index-file.js';
import { openSqliteDatabase } from './sqlite-connection.js';
import { SqliteHnswIndex, type VectorIndexFactory } from './sqlite-hnsw-index.js';
import { readHnswState, readSavedIndex } from './sqlite-hnsw-state.js';
import { SqliteStatements } from './sqlite-statements.js';
import { loadUsearchFactory } from './sqlite-usearch-factory.js';

const random = seededRandom(3);
const vector = () => Float32Array.from({ length: testDimensions }, () => random() * 2 - 1);

describe('SqliteHnswIndex', () => {
  let temporary: TemporarySqliteStore;
  let statements: SqliteStatements;
  let sourceId: string;
  const indexPath = () => `${temporary.path}.hnsw`;

  beforeEach(async () => {
    temporary = await temporarySqliteStore();
    sourceId = (await temporary.store.upsertSource(sourceInput('main'))).id;
    for (let index = 0; index < 10; index += 1) {
      const chunks = Array.from({ length: 10 }, (_, ordinal) =>
        chunk(ordinal, { vector: vector() }),
      );
      await temporary.store.writeDocument(documentWrite(sourceId, `doc-${index}.md`, chunks));
    }
    const database = openSqliteDatabase(temporary.path);
    statements = new SqliteStatements(database);
  });
  afterEach(async () => {
    statements.database.close();
    await temporary.cleanup();
  });

  async function connect(saveEvery: number, threshold = 50): Promise<SqliteHnswIndex> {
    const hnsw = new SqliteHnswIndex(statements, indexPath(), threshold, saveEvery);
    hnsw.useFactory(await loadUsearchFactory());
    return hnsw;
  }

  it('answers null until it has an index implementation', () => {
    const hnsw = new SqliteHnswIndex(statements, indexPath(), 50);
    expect(hnsw.ready).toBe(false);
    expect(hnsw.search(testSpec, vector(), 5)).toBeNull();
  });

  async function writeExtra(uri: string, count: number): Promise<Float32Array[]> {
    const chunks = Array.from({ length: count }, (_, ordinal) =>
      chunk(ordinal, { vector: vector() }),
    );
    await temporary.store.writeDocument(documentWrite(sourceId, uri, chunks));
    return chunks.map((item) => item.vector);
  }

  async function chunkIdsOf(uri: string): Promise<number[]> {
    const print = (await temporary.store.listFingerprints(sourceId)).find(
      (item) => item.uri === uri,
    );
    return (
      (await temporary.store.getDocument(print?.id ?? ''))?.chunks.map((item) => item.id) ?? []
    );
  }

  it('saves after a build, serves new vectors from the delta and saves again once refreshed', async () => {
    const hnsw = await connect(5);
    expect(hnsw.search(testSpec, vector(), 5)).toHaveLength(5);
    const firstSave = fingerprintOf(indexPath());
    expect(firstSave).not.toBeNull();
    const added = await writeExtra('extra.md', 6);
    const [addedId] = await chunkIdsOf('extra.md');
    expect(hnsw.search(testSpec, added[0]!, 1)?.[0]?.id).toBe(addedId);
    // Six changes passed saveEvery, but a file may only hold a graph without a delta.
    expect(fingerprintOf(indexPath())).toBe(firstSave);
    const stateBefore = readHnswState(statements);
    expect(await hnsw.refresh(testSpec, { sliceSize: 4, pause: () => Promise.resolve() })).toBe(
      'hnsw',
    );
    expect(fingerprintOf(indexPath())).not.toBe(firstSave);
    expect(readHnswState(statements)?.changeSeq).toBeGreaterThan(stateBefore?.changeSeq ?? 0);
    expect(hnsw.search(testSpec, added[0]!, 1)?.[0]?.id).toBe(addedId);
    hnsw.close();
  });

  it('extends the graph itself once the delta reaches the threshold', async () => {
    const hnsw = await connect(1_000, 20);
    hnsw.search(testSpec, vector(), 5);
    const firstSave = fingerprintOf(indexPath());
    await writeExtra('small.md', 19);
    hnsw.search(testSpec, vector(), 5);
    expect(fingerprintOf(indexPath())).toBe(firstSave);
    await writeExtra('more.md', 1);
    hnsw.search(testSpec, vector(), 5);
    expect(fingerprintOf(indexPath())).not.toBe(firstSave);
    hnsw.close();
  });

  it('keeps a small base in the delta only, without a file', async () => {
    const hnsw = await connect(1_000, 1_000);
    const target = vector();
    await writeExtra('target.md', 1);
    expect(hnsw.search(testSpec, target, 101)).toHaveLength(101);
    expect(fingerprintOf(indexPath())).toBeNull();
    expect(readHnswState(statements)?.fileFingerprint).toBeNull();
    expect(await hnsw.refresh(testSpec)).toBe('exact');
    hnsw.close();
  });

  it('tombstones deleted vectors, skips them in searches and saves them with the file', async () => {
    const hnsw = await connect(5);
    hnsw.search(testSpec, vector(), 5);
    const doomed = await chunkIdsOf('doc-3.md');
    await temporary.store.removeDocuments(sourceId, ['doc-3.md']);
    const hits = hnsw.search(testSpec, vector(), 100) ?? [];
    const hitIds = new Set(hits.map((hit) => hit.id));
    expect(doomed.filter((id) => hitIds.has(id))).toEqual([]);
    // 90 live vectors remain; an HNSW graph may leave a node or two unreached even when asked
    // for everything, so the count is bounded rather than exact (tombstones never count).
    expect(hits.length).toBeLessThanOrEqual(90);
    expect(hits.length).toBeGreaterThanOrEqual(85);
    expect([...readSavedIndex(statements).tombstones].sort((a, b) => a - b)).toEqual(doomed);
    hnsw.close();

    const reloaded = await connect(5);
    const saved = fingerprintOf(indexPath());
    const again = reloaded.search(testSpec, vector(), 100) ?? [];
    expect(again.length).toBeLessThanOrEqual(90);
    expect(again.length).toBeGreaterThanOrEqual(85);
    for (const id of doomed) expect(again.map((hit) => hit.id)).not.toContain(id);
    expect(fingerprintOf(indexPath())).toBe(saved);
    reloaded.close();
  });

  it('rebuilds compact once tombstones pass a quarter of the entries', async () => {
    const hnsw = await connect(1_000);
    hnsw.search(testSpec, vector(), 5);
    const firstSave = fingerprintOf(indexPath());
    await temporary.store.removeDocuments(sourceId, ['doc-0.md', 'doc-1.md']);
    hnsw.search(testSpec, vector(), 5);
    expect(fingerprintOf(indexPath())).toBe(firstSave);
    await temporary.store.removeDocuments(sourceId, [
      'doc-2.md',
      'doc-3.md',
      'doc-4.md',
      'doc-5.md',
    ]);
    const compacted = hnsw.search(testSpec, vector(), 50) ?? [];
    expect(compacted.length).toBeLessThanOrEqual(40);
    expect(compacted.length).toBeGreaterThanOrEqual(37);
    expect(fingerprintOf(indexPath())).not.toBe(firstSave);
    expect(readSavedIndex(statements).tombstones.size).toBe(0);
    hnsw.close();

    const reloaded = await connect(1_000);
    const reloadedHits = reloaded.search(testSpec, vector(), 50) ?? [];
    expect(reloadedHits.length).toBeLessThanOrEqual(40);
    expect(reloadedHits.length).toBeGreaterThanOrEqual(37);
    reloaded.close();
  });

  it('rebuilds when a vector already in the index changes', async () => {
    const hnsw = await connect(1_000);
    hnsw.search(testSpec, vector(), 5);
    const firstSave = fingerprintOf(indexPath());
    const [target] = await chunkIdsOf('doc-4.md');
    const moved = vector();
    await temporary.store.writeEmbeddings([{ chunkId: target as number, vector: moved }]);
    const [nearest] = hnsw.search(testSpec, moved, 1) ?? [];
    expect(nearest?.id).toBe(target);
    expect(fingerprintOf(indexPath())).not.toBe(firstSave);
    hnsw.close();
  });

  it('rebuilds when another process replaced the file while it was being loaded', async () => {
    const first = await connect(1_000);
    first.search(testSpec, vector(), 5);
    first.close();
    const factory = await loadUsearchFactory();
    // A stranger's graph of the same size, one of its vectors under an id the store never had.
    const stored = statements.prepareValue<number>('SELECT chunk_id FROM embeddings').all();
    const stranger = factory.create(testDimensions);
    const probe = vector();
    const strangerIds = [...stored.slice(1), 987_654];
    stranger.add(
      strangerIds,
      strangerIds.map((id) => (id === 987_654 ? probe : vector())),
    );
    const racing: VectorIndexFactory = {
      ...factory,
      load: (path, dimensions) => {
        saveIndexFile(stranger, path);
        return factory.load(path, dimensions);
      },
    };
    const second = new SqliteHnswIndex(statements, indexPath(), 1_000, 1_000);
    second.useFactory(racing);
    const [nearest] = second.search(testSpec, probe, 1) ?? [];
    expect(nearest?.id).not.toBe(987_654);
    expect(await temporary.store.getChunks([nearest?.id ?? 0])).toHaveLength(1);
    second.close();
  });

  it('searches exactly below its own threshold even when another connection saved a graph', async () => {
    const first = await connect(1_000, 50);
    first.search(testSpec, vector(), 5);
    first.close();
    // Stand in for an approximate graph that misses: same ids, other vectors, recorded as saved.
    const factory = await loadUsearchFactory();
    const stored = statements.prepareValue<number>('SELECT chunk_id FROM embeddings').all();
    const misleading = factory.create(testDimensions);
    misleading.add(
      stored,
      stored.map(() => vector()),
    );
    const fingerprint = saveIndexFile(misleading, indexPath());
    statements.prepare('UPDATE vector_index_state SET file_fingerprint = ?').run(fingerprint);
    const [target] = await chunkIdsOf('doc-7.md');
    const targetVector = statements
      .prepare<{ vector: Buffer }>('SELECT vector FROM embeddings WHERE chunk_id = ?')
      .get(target);
    const probe = blobToVector(targetVector?.vector as Buffer);

    const exact = await connect(1_000, 1_000);
    const [nearest] = exact.search(testSpec, probe, 1) ?? [];
    expect(nearest?.id).toBe(target);
    expect(nearest?.similarity).toBeGreaterThan(0.9999);
    expect(fingerprintOf(indexPath())).toBe(fingerprint);
    exact.close();
  });

  it('works without a file for in-memory databases', async () => {
    const hnsw = new SqliteHnswIndex(statements, null, 1, 5);
    hnsw.useFactory(await loadUsearchFactory());
    expect(hnsw.search(testSpec, vector(), 3)).toHaveLength(3);
    expect(readHnswState(statements)?.fileFingerprint).toBeNull();
    hnsw.forget();
    await rm(indexPath(), { force: true });
  });
});
