/**
 * The behaviour every KnowledgeStore must show, as one suite run against each
 * implementation (SQLite now, PostgreSQL + pgvector later). It speaks only the
 * contract: no SQL, no files, no knowledge of how an implementation indexes.
 * The factory returns a fresh, empty store that has not been opened yet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../src/core/errors.js';
import type { KnowledgeStore } from '../../src/core/knowledge-store.js';
import type { Source } from '../../src/core/knowledge-types.js';
import { PackedChunks } from '../../src/core/packed-chunks.js';
import { seededRandom } from '../fixtures/storage/crash-workload.js';
import {
  chunk,
  direction,
  documentWrite,
  expectArchonError,
  sourceInput,
  testDimensions,
  testSpec,
} from '../fixtures/storage/knowledge-store-builders.js';

/** A store under test and how to dispose of it. */
export interface KnowledgeStoreUnderTest {
  readonly store: KnowledgeStore;
  readonly cleanup: () => Promise<void>;
  /** Another store object on the same data (not opened yet), as a second process would have. */
  readonly connect: () => KnowledgeStore;
  /** Damages derived search state kept outside the store's transactions, if there is any. */
  readonly damageDerivedState?: (how: 'remove' | 'corrupt') => Promise<void>;
}

/** Registers the conformance suite for the stores `factory` builds (one per test). */
export function runKnowledgeStoreConformance(
  name: string,
  factory: () => Promise<KnowledgeStoreUnderTest>,
): void {
  describe(`KnowledgeStore conformance: ${name}`, () => {
    let underTest: KnowledgeStoreUnderTest | undefined;
    let store: KnowledgeStore;
    let source: Source;

    beforeEach(async () => {
      underTest = await factory();
      store = underTest.store;
      await store.open();
      await store.pinEmbeddingSpec(testSpec);
      source = await store.upsertSource(sourceInput('main'));
    });
    afterEach(async () => {
      await underTest?.cleanup();
      underTest = undefined;
    });

    describe('lifecycle', () => {
      it('opens idempotently and keeps its data across a second open()', async () => {
        await store.open();
        expect(await store.findSource('main')).toEqual(source);
      });

      it('rejects calls after close() with an ArchonError', async () => {
        await store.close();
        await expectArchonError(store.listSources(), ErrorCode.StorageError);
        await store.close();
      });
    });

    describe('embedding spec', () => {
      it('pins on first use and accepts the same spec again', async () => {
        expect(await store.getEmbeddingSpec()).toEqual(testSpec);
        await store.pinEmbeddingSpec({ ...testSpec });
        expect(await store.getEmbeddingSpec()).toEqual(testSpec);
      });

      it('refuses another model or dimension with EMBEDDING_MISMATCH naming both', async () => {
        const error = await expectArchonError(
          store.pinEmbeddingSpec({ modelId: 'other:model', dimensions: testDimensions }),
          ErrorCode.EmbeddingMismatch,
          /archon reindex/,
        );
        expect(error.message).toContain(testSpec.modelId);
        expect(error.message).toContain('other:model');
        await expectArchonError(
          store.pinEmbeddingSpec({ modelId: testSpec.modelId, dimensions: 16 }),
          ErrorCode.EmbeddingMismatch,
          /dims 16/,
        );
        expect(await store.getEmbeddingSpec()).toEqual(testSpec);
      });

      it('rejects a malformed spec with INVALID_INPUT', async () => {
        await expectArchonError(
          store.pinEmbeddingSpec({ modelId: 'x', dimensions: 0 }),
          ErrorCode.InvalidInput,
        );
        await expectArchonError(
          store.resetEmbeddings({ modelId: '', dimensions: 4 }),
          ErrorCode.InvalidInput,
        );
      });

      it('refuses to write vectors before a spec is pinned', async () => {
        const fresh = await factory();
        try {
          await fresh.store.open();
          expect(await fresh.store.getEmbeddingSpec()).toBeNull();
          const other = await fresh.store.upsertSource(sourceInput('unpinned'));
          await expectArchonError(
            fresh.store.writeDocument(documentWrite(other.id, 'a.md', [chunk(0)])),
            ErrorCode.EmbeddingMismatch,
            /pin/,
          );
          expect(await fresh.store.listFingerprints(other.id)).toEqual([]);
          expect(await fresh.store.vectorSearch({ vector: direction(0), limit: 5 })).toEqual([]);
        } finally {
          await fresh.cleanup();
        }
      });
    });

    describe('documents', () => {
      it('writes a document with its chunks and reads them back in order', async () => {
        const written = await store.writeDocument(
          documentWrite(
            source.id,
            'guide/intro.md',
            [
              chunk(1, {
                text: 'Second part',
                kind: 'code',
                language: 'typescript',
                context: 'Why.',
              }),
              chunk(0, { text: 'First part', headingPath: ['Intro'] }),
            ],
            { tags: ['guide', 'intro'], language: 'markdown', bytes: 1234, contentHash: 'abc' },
          ),
        );
        expect(written).toMatchObject({
          sourceId: source.id,
          uri: 'guide/intro.md',
          title: 'Title of guide/intro.md',
          contentHash: 'abc',
          language: 'markdown',
          bytes: 1234,
          tags: ['guide', 'intro'],
        });
        expect(written.id).toMatch(/\S/);
        const found = await store.getDocument(written.id);
        expect(found?.document).toEqual(written);
        expect(found?.chunks.map((stored) => stored.ordinal)).toEqual([0, 1]);
        const [first, second] = found?.chunks ?? [];
        expect(first).toMatchObject({
          documentId: written.id,
          kind: 'text',
          text: 'First part',
          headingPath: ['Intro'],
          startLine: 1,
          endLine: 9,
          language: 'markdown',
          context: '',
        });
        expect(second).toMatchObject({
          kind: 'code',
          language: 'typescript',
          context: 'Why.',
          tokenCount: 2,
        });
        expect(Number.isInteger(first?.id) && (first?.id ?? 0) > 0).toBe(true);
        expect(first?.id).not.toBe(second?.id);
        expect(await store.getDocument('no-such-document')).toBeNull();
      });

      it('stores packed chunks exactly as the same chunks given plainly', async () => {
        const chunks = [
          chunk(0, {
            text: 'Caché · naïve 数据 🚀 text',
            headingPath: ['Überblick', 'Ünïcode 🚀'],
            title: 'überblick',
            headings: 'ünïcode',
            body: 'caché naïve 数据 text',
          }),
          chunk(1, { text: 'const x = 1;', kind: 'code', language: 'typescript', context: '' }),
          chunk(2, { text: '', headingPath: [], body: 'empty' }),
        ];
        const plain = await store.writeDocument(documentWrite(source.id, 'plain.md', chunks));
        const packed = await store.writeDocument({
          ...documentWrite(source.id, 'packed.md', []),
          chunks: PackedChunks.pack(chunks),
        });
        const withoutIds = (found: Awaited<ReturnType<typeof store.getDocument>>) =>
          found?.chunks.map(({ id: _id, documentId: _documentId, ...rest }) => rest);
        const plainChunks = withoutIds(await store.getDocument(plain.id));
        expect(plainChunks).toHaveLength(3);
        expect(withoutIds(await store.getDocument(packed.id))).toEqual(plainChunks);
        for (const terms of [['naïve'], ['数据'], ['ünïcode'], ['überblick']]) {
          const ranked = await store.lexicalSearch({ terms, limit: 10 });
          expect(ranked, terms.join(' ')).toHaveLength(2);
          expect(ranked[0]?.score).toBeCloseTo(ranked[1]?.score ?? Number.NaN, 9);
        }
        const nearest = await store.vectorSearch({ vector: direction(1), limit: 2 });
        expect(nearest.map((hit) => hit.score)).toEqual([1, 1].map(() => expect.closeTo(1, 5)));
        expect((await store.stats()).chunks).toBe(6);
      });

      it('replaces a document in place: same id, new chunks with never-reused ids', async () => {
        const first = await store.writeDocument(
          documentWrite(source.id, 'a.md', [chunk(0, { text: 'old walrus text' }), chunk(1)]),
        );
        const oldIds = (await store.getDocument(first.id))?.chunks.map((stored) => stored.id) ?? [];
        const second = await store.writeDocument(
          documentWrite(source.id, 'a.md', [chunk(0, { text: 'new narwhal text' })], {
            contentHash: 'v2',
          }),
        );
        expect(second.id).toBe(first.id);
        expect(second.createdAt).toBe(first.createdAt);
        expect(second.updatedAt >= first.updatedAt).toBe(true);
        const stored = await store.getDocument(second.id);
        expect(stored?.chunks.map((item) => item.text)).toEqual(['new narwhal text']);
        expect(stored?.chunks[0]?.id).toBeGreaterThan(Math.max(...oldIds));
        expect(await store.getChunks(oldIds)).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['walrus'], limit: 5 })).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['narwhal'], limit: 5 })).toHaveLength(1);
        expect((await store.stats()).chunks).toBe(1);
        expect((await store.checkIntegrity()).ok).toBe(true);
      });

      it('stores a document without chunks', async () => {
        const written = await store.writeDocument(documentWrite(source.id, 'empty.md', []));
        expect((await store.getDocument(written.id))?.chunks).toEqual([]);
      });

      it('rejects bad vectors with nothing written and the previous version intact', async () => {
        const original = await store.writeDocument(
          documentWrite(source.id, 'keep.md', [chunk(0, { text: 'original kestrel' })]),
        );
        const bad: [Float32Array, ErrorCode][] = [
          [new Float32Array(testDimensions + 1).fill(1), ErrorCode.EmbeddingMismatch],
          [Float32Array.from([1, Number.NaN, 0, 0, 0, 0, 0, 0]), ErrorCode.InvalidEmbedding],
          [
            Float32Array.from([1, Number.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0]),
            ErrorCode.InvalidEmbedding,
          ],
          [new Float32Array(testDimensions), ErrorCode.InvalidEmbedding],
        ];
        for (const [vector, code] of bad) {
          const chunks = [chunk(0, { text: 'replacement falcon' }), chunk(1, { vector })];
          await expectArchonError(
            store.writeDocument(documentWrite(source.id, 'keep.md', chunks)),
            code,
          );
          await expectArchonError(
            store.writeDocument(documentWrite(source.id, 'new.md', chunks)),
            code,
          );
        }
        const after = await store.getDocument(original.id);
        expect(after?.document).toEqual(original);
        expect(after?.chunks.map((stored) => stored.text)).toEqual(['original kestrel']);
        expect((await store.listFingerprints(source.id)).map((print) => print.uri)).toEqual([
          'keep.md',
        ]);
        expect(await store.lexicalSearch({ terms: ['falcon'], limit: 5 })).toEqual([]);
        expect(await store.stats()).toMatchObject({ documents: 1, chunks: 1, embeddings: 1 });
      });

      it('writes several documents in one call, all or none', async () => {
        const written = await store.writeDocuments([
          documentWrite(source.id, 'a.md', [chunk(0, { text: 'alpha heron' })]),
          documentWrite(source.id, 'b.md', [
            chunk(0, { text: 'beta ibis' }),
            chunk(1, { text: 'beta crane' }),
          ]),
        ]);
        expect(written.map((document) => document.uri)).toEqual(['a.md', 'b.md']);
        expect(await store.stats()).toMatchObject({ documents: 2, chunks: 3, embeddings: 3 });

        const bad = chunk(0, { vector: new Float32Array(testDimensions) });
        await expectArchonError(
          store.writeDocuments([
            documentWrite(source.id, 'a.md', [chunk(0, { text: 'replaced plover' })]),
            documentWrite(source.id, 'c.md', [bad]),
          ]),
          ErrorCode.InvalidEmbedding,
        );
        await expectArchonError(
          store.writeDocuments([
            documentWrite(source.id, 'd.md', [chunk(0, { text: 'lost stork' })]),
            documentWrite('no-such-source', 'e.md', [chunk(0)]),
          ]),
          ErrorCode.SourceNotFound,
        );
        expect((await store.listFingerprints(source.id)).map((print) => print.uri)).toEqual([
          'a.md',
          'b.md',
        ]);
        expect(await store.lexicalSearch({ terms: ['plover'], limit: 5 })).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['stork'], limit: 5 })).toEqual([]);
        expect(await store.stats()).toMatchObject({ documents: 2, chunks: 3, embeddings: 3 });
        expect(await store.writeDocuments([])).toEqual([]);

        // One document twice in one call is ambiguous: refused, nothing written.
        await expectArchonError(
          store.writeDocuments([
            documentWrite(source.id, 'a.md', [chunk(0, { text: 'first egret' })]),
            documentWrite(source.id, 'a.md', [chunk(0, { text: 'second egret' })]),
          ]),
          ErrorCode.InvalidInput,
        );
        expect(await store.lexicalSearch({ terms: ['egret'], limit: 5 })).toEqual([]);
        expect(await store.stats()).toMatchObject({ documents: 2, chunks: 3, embeddings: 3 });
      });

      it('rejects an unknown source and malformed documents', async () => {
        await expectArchonError(
          store.writeDocument(documentWrite('no-such-source', 'a.md', [chunk(0)])),
          ErrorCode.SourceNotFound,
        );
        await expectArchonError(
          store.writeDocument(documentWrite(source.id, '', [chunk(0)])),
          ErrorCode.InvalidInput,
        );
        const wrongKind = { ...chunk(0), draft: { ...chunk(0).draft, kind: 'video' as never } };
        await expectArchonError(
          store.writeDocument(documentWrite(source.id, 'a.md', [wrongKind])),
          ErrorCode.InvalidInput,
        );
        expect(await store.listFingerprints(source.id)).toEqual([]);
      });

      it('lists fingerprints of one source only', async () => {
        const other = await store.upsertSource(sourceInput('other'));
        const written = await store.writeDocument(
          documentWrite(source.id, 'b.md', [chunk(0)], { contentHash: 'hb', tags: ['t1'] }),
        );
        await store.writeDocument(
          documentWrite(source.id, 'a.md', [chunk(0)], { contentHash: 'ha' }),
        );
        await store.writeDocument(documentWrite(other.id, 'c.md', [chunk(0)]));
        const prints = await store.listFingerprints(source.id);
        expect(prints.map((print) => print.uri).sort()).toEqual(['a.md', 'b.md']);
        expect(prints.find((print) => print.uri === 'b.md')).toEqual({
          id: written.id,
          uri: 'b.md',
          contentHash: 'hb',
          tags: ['t1'],
        });
      });

      it('removes documents by uri with their chunks and vectors', async () => {
        const gone = await store.writeDocument(
          documentWrite(source.id, 'gone.md', [chunk(0, { text: 'ocelot' })]),
        );
        const kept = await store.writeDocument(
          documentWrite(source.id, 'kept.md', [chunk(0, { text: 'lynx' })]),
        );
        const goneIds = (await store.getDocument(gone.id))?.chunks.map((stored) => stored.id) ?? [];
        expect(await store.removeDocuments(source.id, ['gone.md', 'never-there.md'])).toBe(1);
        expect(await store.getDocument(gone.id)).toBeNull();
        expect(await store.getChunks(goneIds)).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['ocelot'], limit: 5 })).toEqual([]);
        const nearest = await store.vectorSearch({ vector: direction(0), limit: 5 });
        expect(nearest.map((hit) => hit.chunkId)).not.toContain(goneIds[0]);
        expect((await store.getDocument(kept.id))?.chunks).toHaveLength(1);
        expect(await store.removeDocuments(source.id, [])).toBe(0);
        expect(await store.stats()).toMatchObject({ documents: 1, chunks: 1, embeddings: 1 });
      });
    });

    describe('sources', () => {
      it('creates, updates in place and finds sources by id or name', async () => {
        expect(source).toMatchObject({
          name: 'main',
          kind: 'files',
          locations: ['/data/main'],
          tags: [],
        });
        const updated = await store.upsertSource(
          sourceInput('main', { kind: 'url', locations: ['https://example.test/'], tags: ['web'] }),
        );
        expect(updated.id).toBe(source.id);
        expect(updated.createdAt).toBe(source.createdAt);
        expect(updated).toMatchObject({
          kind: 'url',
          locations: ['https://example.test/'],
          tags: ['web'],
        });
        expect(await store.findSource(source.id)).toEqual(updated);
        expect(await store.findSource('main')).toEqual(updated);
        expect(await store.findSource('absent')).toBeNull();
      });

      it('rejects malformed sources', async () => {
        await expectArchonError(store.upsertSource(sourceInput('  ')), ErrorCode.InvalidInput);
        await expectArchonError(
          store.upsertSource(sourceInput('x', { kind: 'ftp' as never })),
          ErrorCode.InvalidInput,
        );
      });

      it('lists sources by name with their sizes', async () => {
        const other = await store.upsertSource(sourceInput('alpha'));
        await store.writeDocument(
          documentWrite(source.id, 'a.md', [chunk(0), chunk(1)], { bytes: 10 }),
        );
        await store.writeDocument(documentWrite(source.id, 'b.md', [chunk(0)], { bytes: 5 }));
        const listed = await store.listSources();
        expect(listed.map((item) => item.name)).toEqual(['alpha', 'main']);
        expect(listed[0]).toMatchObject({
          id: other.id,
          documentCount: 0,
          chunkCount: 0,
          bytes: 0,
        });
        expect(listed[1]).toMatchObject({
          id: source.id,
          documentCount: 2,
          chunkCount: 3,
          bytes: 15,
        });
      });

      it('removes a source with everything in it and nothing else', async () => {
        const other = await store.upsertSource(sourceInput('other'));
        const doomed = await store.writeDocument(
          documentWrite(source.id, 'a.md', [
            chunk(0, { text: 'jaguar' }),
            chunk(1, { text: 'jaguar cub' }),
          ]),
        );
        await store.writeDocument(
          documentWrite(source.id, 'b.md', [chunk(0, { text: 'jaguar den' })]),
        );
        const survivor = await store.writeDocument(
          documentWrite(other.id, 'c.md', [chunk(0, { text: 'puma' })]),
        );
        const doomedIds =
          (await store.getDocument(doomed.id))?.chunks.map((stored) => stored.id) ?? [];
        expect(await store.removeSource(source.id)).toEqual({ documents: 2, chunks: 3 });
        expect(await store.findSource(source.id)).toBeNull();
        expect(await store.getDocument(doomed.id)).toBeNull();
        expect(await store.getChunks(doomedIds)).toEqual([]);
        expect(await store.listFingerprints(source.id)).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['jaguar'], limit: 5 })).toEqual([]);
        expect((await store.getDocument(survivor.id))?.chunks).toHaveLength(1);
        expect(await store.stats()).toMatchObject({
          sources: 1,
          documents: 1,
          chunks: 1,
          embeddings: 1,
        });
        expect((await store.checkIntegrity()).ok).toBe(true);
        await expectArchonError(store.removeSource(source.id), ErrorCode.SourceNotFound);
      });
    });

    describe('getChunks', () => {
      it('returns chunks with citations in the order asked, skipping unknown ids', async () => {
        const written = await store.writeDocument(
          documentWrite(source.id, 'docs/a.md', [
            chunk(0, { headingPath: ['A'] }),
            chunk(1, { headingPath: ['A', 'B'] }),
            chunk(2),
          ]),
        );
        const ids = (await store.getDocument(written.id))?.chunks.map((stored) => stored.id) ?? [];
        const asked = [ids[2], 999_999_999, ids[0], ids[1]] as number[];
        const found = await store.getChunks(asked);
        expect(found.map((item) => item.chunk.id)).toEqual([ids[2], ids[0], ids[1]]);
        expect(found[2]?.citation).toEqual({
          sourceId: source.id,
          sourceName: 'main',
          documentId: written.id,
          uri: 'docs/a.md',
          title: 'Title of docs/a.md',
          headingPath: ['A', 'B'],
          startLine: 11,
          endLine: 19,
        });
        expect(await store.getChunks([])).toEqual([]);
      });
    });

    describe('lexical search', () => {
      it('weighs title above headings above body', async () => {
        const ids = await writeChunks(store, source.id, [
          chunk(0, { body: 'falcon' }),
          chunk(1, { title: 'falcon' }),
          chunk(2, { headings: 'falcon' }),
        ]);
        const hits = await store.lexicalSearch({ terms: ['falcon'], limit: 10 });
        expect(hits.map((hit) => hit.chunkId)).toEqual([ids[1], ids[2], ids[0]]);
        for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
        expect(isDescending(hits.map((hit) => hit.score))).toBe(true);
      });

      it('matches any term, ranks chunks with more terms higher and honours the limit', async () => {
        const ids = await writeChunks(store, source.id, [
          chunk(0, { body: 'heron lake water' }),
          chunk(1, { body: 'heron egret lake water' }),
          chunk(2, { body: 'egret lake water' }),
          chunk(3, { body: 'unrelated words only' }),
        ]);
        const hits = await store.lexicalSearch({ terms: ['heron', 'egret'], limit: 10 });
        expect(hits[0]?.chunkId).toBe(ids[1]);
        expect(hits.map((hit) => hit.chunkId).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
        expect(await store.lexicalSearch({ terms: ['heron', 'egret'], limit: 2 })).toHaveLength(2);
        expect(await store.lexicalSearch({ terms: [], limit: 5 })).toEqual([]);
      });

      it('treats compound identifiers as one term', async () => {
        const ids = await writeChunks(store, source.id, [
          chunk(0, { body: 'max_pool_size setting' }),
          chunk(1, { body: 'max pool size' }),
        ]);
        const hits = await store.lexicalSearch({ terms: ['max_pool_size'], limit: 5 });
        expect(hits.map((hit) => hit.chunkId)).toEqual([ids[0]]);
      });

      it('keeps rare terms decisive when a query also holds a term found everywhere', async () => {
        const chunks = Array.from({ length: 60 }, (_, index) =>
          chunk(index, { body: `common filler text number${index}` }),
        );
        chunks.push(chunk(60, { body: 'common rare_marker' }));
        const ids = await writeChunks(store, source.id, chunks);
        const mixed = await store.lexicalSearch({ terms: ['common', 'rare_marker'], limit: 5 });
        expect(mixed[0]?.chunkId).toBe(ids[60]);
        const frequentOnly = await store.lexicalSearch({ terms: ['common'], limit: 5 });
        expect(frequentOnly).toHaveLength(5);
      });

      it('treats query syntax in terms as plain text', async () => {
        await writeChunks(store, source.id, [chunk(0, { body: 'near or and not' })]);
        for (const term of ['"', 'OR', 'NEAR(', '*', '-', 'a"b', '(', '^x', ':', '']) {
          await expect(
            store.lexicalSearch({ terms: [term, 'near'], limit: 5 }),
          ).resolves.toBeInstanceOf(Array);
        }
        await expectArchonError(
          store.lexicalSearch({ terms: ['x'], limit: 0 }),
          ErrorCode.InvalidInput,
        );
      });

      it('applies source, tag, language and kind filters', async () => {
        const ids = await writeFilterFixture(store, source);
        const search = (filter: object) =>
          store.lexicalSearch({ terms: ['otter'], limit: 10, filter }).then(sortedIds);
        expect(await search({})).toEqual(sorted(ids.all));
        expect(await search({ sourceIds: [], tags: [], languages: [] })).toEqual(sorted(ids.all));
        expect(await search({ sourceIds: [ids.otherSourceId] })).toEqual(sorted(ids.other));
        expect(await search({ tags: ['red', 'missing'] })).toEqual(sorted(ids.red));
        expect(await search({ languages: ['python'] })).toEqual(sorted(ids.python));
        expect(await search({ kind: 'code' })).toEqual(sorted(ids.code));
        expect(await search({ sourceIds: [source.id], kind: 'code' })).toEqual(
          sorted(ids.code.filter((id) => !ids.other.includes(id))),
        );
      });
    });

    describe('vector search', () => {
      it('ranks by cosine similarity with scores near 1 for the same direction', async () => {
        const ids = await writeChunks(store, source.id, [
          chunk(0, { vector: direction(3) }),
          chunk(1, { vector: direction(3, 4, 0.2) }),
          chunk(2, { vector: direction(3, 4, 1) }),
          chunk(3, { vector: direction(5) }),
        ]);
        const hits = await store.vectorSearch({ vector: direction(3), limit: 3 });
        expect(hits.map((hit) => hit.chunkId)).toEqual([ids[0], ids[1], ids[2]]);
        expect(hits[0]?.score).toBeCloseTo(1, 5);
        expect(hits[2]?.score).toBeCloseTo(Math.SQRT1_2, 4);
        expect(isDescending(hits.map((hit) => hit.score))).toBe(true);
        const scaled = await store.vectorSearch({
          vector: direction(3).map((value) => value * 7),
          limit: 1,
        });
        expect(scaled[0]?.chunkId).toBe(ids[0]);
      });

      it('applies source, tag, language and kind filters', async () => {
        const ids = await writeFilterFixture(store, source);
        const search = (filter: object) =>
          store.vectorSearch({ vector: direction(0), limit: 20, filter }).then(sortedIds);
        expect(await search({})).toEqual(sorted(ids.all));
        expect(await search({ sourceIds: [ids.otherSourceId] })).toEqual(sorted(ids.other));
        expect(await search({ tags: ['red'] })).toEqual(sorted(ids.red));
        expect(await search({ languages: ['python', 'go'] })).toEqual(sorted(ids.pythonOrGo));
        expect(await search({ kind: 'code' })).toEqual(sorted(ids.code));
        expect(await search({ tags: ['red'], kind: 'code' })).toEqual(
          sorted(ids.red.filter((id) => ids.code.includes(id))),
        );
      });

      it('rejects query vectors of the wrong size or without direction', async () => {
        await writeChunks(store, source.id, [chunk(0)]);
        await expectArchonError(
          store.vectorSearch({ vector: new Float32Array(3).fill(1), limit: 5 }),
          ErrorCode.EmbeddingMismatch,
        );
        await expectArchonError(
          store.vectorSearch({ vector: new Float32Array(testDimensions), limit: 5 }),
          ErrorCode.InvalidEmbedding,
        );
        await expectArchonError(
          store.vectorSearch({ vector: direction(0), limit: -1 }),
          ErrorCode.InvalidInput,
        );
      });
    });

    describe('vector search while the index lags the store', () => {
      const random = seededRandom(17);
      const randomVector = () =>
        Float32Array.from({ length: testDimensions }, () => random() * 2 - 1);
      /** Writes `count` chunks with random vectors; returns their ids and vectors. */
      async function writeRandom(target: KnowledgeStore, uri: string, count: number) {
        const vectors = Array.from({ length: count }, randomVector);
        const ids = await writeChunks(
          target,
          source.id,
          vectors.map((vector, ordinal) => chunk(ordinal, { vector })),
          uri,
        );
        return ids.map((id, index) => ({ id, vector: vectors[index] as Float32Array }));
      }
      /** Every stored vector is found first by its own direction, removed ones never. */
      async function expectExactlySearchable(
        target: KnowledgeStore,
        live: readonly { id: number; vector: Float32Array }[],
        removed: readonly number[] = [],
      ) {
        for (const { id, vector } of live) {
          const [top] = await target.vectorSearch({ vector, limit: 1 });
          expect(top?.chunkId).toBe(id);
          expect(top?.score).toBeGreaterThan(0.99);
        }
        const everything = await target.vectorSearch({ vector: randomVector(), limit: 1_000 });
        expect(sortedIds(everything)).toEqual(sorted(live.map((item) => item.id)));
        for (const id of removed) expect(everything.map((hit) => hit.chunkId)).not.toContain(id);
      }

      it('finds vectors written after the index was brought up to date, and never removed ones', async () => {
        const first = await writeRandom(store, 'first.md', 12);
        await store.prepareVectorIndex?.();
        const later = await writeRandom(store, 'later.md', 3);
        await expectExactlySearchable(store, [...first, ...later]);
        await store.removeDocuments(source.id, ['first.md']);
        const last = await writeRandom(store, 'last.md', 2);
        await expectExactlySearchable(
          store,
          [...later, ...last],
          first.map((item) => item.id),
        );
        await store.removeDocuments(source.id, ['later.md']);
        await store.prepareVectorIndex?.();
        await expectExactlySearchable(
          store,
          last,
          [...first, ...later].map((item) => item.id),
        );
      });

      for (const damage of [undefined, 'remove', 'corrupt'] as const) {
        it(`restarts correctly with a stale${damage === undefined ? '' : `, then ${damage}d,`} index`, async () => {
          const first = await writeRandom(store, 'first.md', 12);
          await store.prepareVectorIndex?.();
          await store.vectorSearch({ vector: randomVector(), limit: 3 });
          const later = await writeRandom(store, 'later.md', 3);
          await store.removeDocuments(source.id, ['first.md']);
          const kept = await writeRandom(store, 'kept.md', 4);
          await store.close();
          if (damage !== undefined) await underTest?.damageDerivedState?.(damage);
          const restarted = underTest?.connect() as KnowledgeStore;
          await restarted.open();
          try {
            await expectExactlySearchable(
              restarted,
              [...later, ...kept],
              first.map((item) => item.id),
            );
            await restarted.prepareVectorIndex?.();
            await expectExactlySearchable(restarted, [...later, ...kept]);
          } finally {
            await restarted.close();
          }
        });
      }

      it('sees documents another connection wrote or removed after this one built its index', async () => {
        const first = await writeRandom(store, 'first.md', 12);
        await store.prepareVectorIndex?.();
        await expectExactlySearchable(store, first);
        const other = underTest?.connect() as KnowledgeStore;
        await other.open();
        try {
          const fromOther = await writeRandom(other, 'other.md', 4);
          await expectExactlySearchable(store, [...first, ...fromOther]);
          await other.prepareVectorIndex?.();
          await other.removeDocuments(source.id, ['first.md']);
          const more = await writeRandom(other, 'more.md', 2);
          await expectExactlySearchable(
            store,
            [...fromOther, ...more],
            first.map((item) => item.id),
          );
          await expectExactlySearchable(other, [...fromOther, ...more]);
        } finally {
          await other.close();
        }
      });
    });

    describe('re-embedding', () => {
      it('pages through chunks in id order with the texts needed to embed them', async () => {
        const written = await store.writeDocument(
          documentWrite(source.id, 'a.md', [
            chunk(0, { text: 'zero', headingPath: ['H'], context: 'ctx' }),
            chunk(1),
            chunk(2),
          ]),
        );
        const ids = (await store.getDocument(written.id))?.chunks.map((stored) => stored.id) ?? [];
        const firstPage = await store.listChunksForEmbedding(0, 2);
        expect(firstPage.map((item) => item.id)).toEqual(ids.slice(0, 2));
        expect(firstPage[0]).toEqual({
          id: ids[0],
          text: 'zero',
          context: 'ctx',
          headingPath: ['H'],
          title: 'Title of a.md',
        });
        const rest = await store.listChunksForEmbedding(ids[1] as number, 10);
        expect(rest.map((item) => item.id)).toEqual([ids[2]]);
        expect(await store.listChunksForEmbedding(ids[2] as number, 10)).toEqual([]);
      });

      it('resets to a new spec, keeps chunks, and serves vectors written afterwards', async () => {
        const ids = await writeChunks(store, source.id, [
          chunk(0, { text: 'badger sett' }),
          chunk(1, { text: 'stoat' }),
        ]);
        const newSpec = { modelId: 'test:bigger', dimensions: 4 };
        await store.resetEmbeddings(newSpec);
        expect(await store.getEmbeddingSpec()).toEqual(newSpec);
        expect(await store.stats()).toMatchObject({ chunks: 2, embeddings: 0 });
        expect(
          await store.vectorSearch({ vector: Float32Array.from([1, 0, 0, 0]), limit: 5 }),
        ).toEqual([]);
        expect(await store.lexicalSearch({ terms: ['badger'], limit: 5 })).toHaveLength(1);
        const broken = await store.checkIntegrity();
        expect(broken.ok).toBe(false);
        expect(broken.problems.join('\n')).toMatch(/no vector/);

        await expectArchonError(
          store.writeEmbeddings([
            { chunkId: ids[0] as number, vector: Float32Array.from([1, 0, 0, 0]) },
            { chunkId: ids[1] as number, vector: direction(0) },
          ]),
          ErrorCode.EmbeddingMismatch,
        );
        expect((await store.stats()).embeddings).toBe(0);
        await store.writeEmbeddings([
          { chunkId: ids[0] as number, vector: Float32Array.from([1, 0, 0, 0]) },
          { chunkId: ids[1] as number, vector: Float32Array.from([0, 1, 0, 0]) },
          { chunkId: 999_999_999, vector: Float32Array.from([0, 0, 1, 0]) },
        ]);
        const hits = await store.vectorSearch({
          vector: Float32Array.from([0, 1, 0, 0]),
          limit: 5,
        });
        expect(hits[0]?.chunkId).toBe(ids[1]);
        expect(hits).toHaveLength(2);
        await store.writeEmbeddings([
          { chunkId: ids[1] as number, vector: Float32Array.from([0, 0, 0, 1]) },
        ]);
        const moved = await store.vectorSearch({
          vector: Float32Array.from([0, 0, 0, 1]),
          limit: 1,
        });
        expect(moved[0]).toMatchObject({ chunkId: ids[1] });
        expect(moved[0]?.score).toBeCloseTo(1, 5);
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
        await expectArchonError(
          store.writeDocument(documentWrite(source.id, 'old-dims.md', [chunk(0)])),
          ErrorCode.EmbeddingMismatch,
        );
      });
    });

    describe('stats and integrity', () => {
      it('counts what is stored and reports a healthy store', async () => {
        expect(await store.stats()).toMatchObject({
          sources: 1,
          documents: 0,
          chunks: 0,
          embeddings: 0,
        });
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
        await writeChunks(store, source.id, [chunk(0), chunk(1), chunk(2)]);
        const stats = await store.stats();
        expect(stats).toMatchObject({ sources: 1, documents: 1, chunks: 3, embeddings: 3 });
        expect(['exact', 'hnsw']).toContain(stats.vectorIndex);
        expect(await store.checkIntegrity()).toEqual({ ok: true, problems: [] });
      });
    });

    describe('content version', () => {
      it('changes with every write a search can see, and only then', async () => {
        const seen = new Set<string>();
        const expectNew = async () => {
          const version = await store.contentVersion();
          expect(typeof version).toBe('string');
          expect(seen.has(version)).toBe(false);
          seen.add(version);
          return version;
        };
        let version = await expectNew();
        const expectSame = async () => expect(await store.contentVersion()).toBe(version);

        const written = await store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0)]));
        version = await expectNew();
        // Reads and job bookkeeping change nothing searchable.
        await store.lexicalSearch({ terms: ['chunk'], limit: 5 });
        await store.vectorSearch({ vector: direction(0), limit: 5 });
        await store.getChunks([1, 2]);
        await store.stats();
        const job = await store.createJob('ingest', {});
        await store.updateJob(job.id, { state: 'running' });
        await expectSame();

        await store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0), chunk(1)]));
        version = await expectNew();
        const [first] = await store.listChunksForEmbedding(0, 1);
        await store.writeEmbeddings([{ chunkId: first?.id ?? 0, vector: direction(3) }]);
        version = await expectNew();
        await store.upsertSource(sourceInput('main', { tags: ['renamed-tag'] }));
        version = await expectNew();
        expect(await store.removeDocuments(source.id, ['a.md'])).toBe(1);
        version = await expectNew();
        await store.writeDocument(documentWrite(source.id, 'b.md', [chunk(0)]));
        version = await expectNew();
        await store.removeSource(source.id);
        version = await expectNew();
        await store.resetEmbeddings({ modelId: 'test:other', dimensions: testDimensions });
        version = await expectNew();
        expect(written.id).toBeTruthy();
      });

      it('survives close and open unchanged', async () => {
        await store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0)]));
        const before = await store.contentVersion();
        await store.close();
        await store.open();
        expect(await store.contentVersion()).toBe(before);
      });
    });

    describe('jobs', () => {
      it('creates queued jobs with unique ids and round-trips their payloads', async () => {
        const input = { targets: ['/a', '/b'], depth: 2, nested: { ok: true } };
        const job = await store.createJob('ingest', input);
        expect(job).toMatchObject({
          kind: 'ingest',
          state: 'queued',
          input,
          progress: null,
          result: null,
          error: null,
        });
        expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
        expect((await store.createJob('ingest', undefined)).id).not.toBe(job.id);
        expect(await store.getJob(job.id)).toEqual(job);
        expect(await store.getJob('no-such-job')).toBeNull();
        await expectArchonError(store.createJob('', {}), ErrorCode.InvalidInput);
      });

      it('updates only the fields given', async () => {
        const job = await store.createJob('ingest', { a: 1 });
        const running = await store.updateJob(job.id, { state: 'running', progress: { done: 3 } });
        expect(running).toMatchObject({
          state: 'running',
          progress: { done: 3 },
          result: null,
          input: { a: 1 },
        });
        expect(running.updatedAt >= job.updatedAt).toBe(true);
        expect(running.createdAt).toBe(job.createdAt);
        const failed = await store.updateJob(job.id, { state: 'failed', error: 'boom' });
        expect(failed).toMatchObject({ state: 'failed', progress: { done: 3 }, error: 'boom' });
        const done = await store.updateJob(job.id, {
          state: 'succeeded',
          result: [1, 2],
          error: null,
        });
        expect(done).toMatchObject({
          state: 'succeeded',
          result: [1, 2],
          error: null,
          progress: { done: 3 },
        });
        expect(await store.getJob(job.id)).toEqual(done);
        await expectArchonError(
          store.updateJob('no-such-job', { state: 'running' }),
          ErrorCode.NotFound,
        );
        await expectArchonError(
          store.updateJob(job.id, { state: 'exploded' as never }),
          ErrorCode.InvalidInput,
        );
      });

      it('lists jobs oldest first, by state and by kind', async () => {
        const first = await store.createJob('ingest', 1);
        const second = await store.createJob('agent', 2);
        const third = await store.createJob('ingest', 3);
        await store.updateJob(second.id, { state: 'running' });
        expect((await store.listJobs()).map((job) => job.id)).toEqual([
          first.id,
          second.id,
          third.id,
        ]);
        expect((await store.listJobs({ kind: 'ingest' })).map((job) => job.id)).toEqual([
          first.id,
          third.id,
        ]);
        expect((await store.listJobs({ state: 'running' })).map((job) => job.id)).toEqual([
          second.id,
        ]);
        expect(await store.listJobs({ state: 'running', kind: 'ingest' })).toEqual([]);
      });
    });
  });
}

/** Writes one document of `chunks` and returns their ids in ordinal order. */
async function writeChunks(
  store: KnowledgeStore,
  sourceId: string,
  chunks: Parameters<typeof documentWrite>[2],
  uri = 'chunks.md',
  overrides: Parameters<typeof documentWrite>[3] = {},
): Promise<number[]> {
  const written = await store.writeDocument(documentWrite(sourceId, uri, chunks, overrides));
  return (await store.getDocument(written.id))?.chunks.map((stored) => stored.id) ?? [];
}

/** Six chunks matching "otter" and near direction(0), spread over sources, tags, languages and kinds. */
async function writeFilterFixture(store: KnowledgeStore, main: Source) {
  const other = await store.upsertSource(sourceInput('other'));
  const otter = (ordinal: number, language: string, kind: 'text' | 'code') =>
    chunk(ordinal, {
      body: `otter ${language}`,
      language,
      kind,
      vector: direction(0, ordinal + 1, 0.1 * (ordinal + 1)),
    });
  const red = await writeChunks(
    store,
    main.id,
    [otter(0, 'markdown', 'text'), otter(1, 'python', 'code')],
    'red.md',
    { tags: ['red', 'x'] },
  );
  const blue = await writeChunks(
    store,
    main.id,
    [otter(0, 'typescript', 'code'), otter(1, 'markdown', 'text')],
    'blue.md',
    { tags: ['blue'] },
  );
  const foreign = await writeChunks(
    store,
    other.id,
    [otter(0, 'go', 'text'), otter(1, 'typescript', 'code')],
    'other.md',
  );
  return {
    otherSourceId: other.id,
    all: [...red, ...blue, ...foreign],
    red,
    other: foreign,
    python: [red[1]] as number[],
    pythonOrGo: [red[1], foreign[0]] as number[],
    code: [red[1], blue[0], foreign[1]] as number[],
  };
}

function sortedIds(hits: readonly { chunkId: number }[]): number[] {
  return sorted(hits.map((hit) => hit.chunkId));
}

function sorted(ids: readonly number[]): number[] {
  return [...ids].sort((left, right) => left - right);
}

function isDescending(values: readonly number[]): boolean {
  return values.every((value, index) => index === 0 || value <= (values[index - 1] as number));
}
