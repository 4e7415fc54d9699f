/**
 * What the SQLite store does beyond the shared contract: its file settings
 * (WAL), migrations across reopen, several connections on one file, its
 * configuration checks, and how it reports files and rows it cannot use.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../src/core/errors.js';
import { SqliteKnowledgeStore } from '../../src/storage/sqlite/sqlite-knowledge-store.js';
import { sqliteMigrations } from '../../src/storage/sqlite/sqlite-migrations.js';
import {
  chunk,
  direction,
  documentWrite,
  expectArchonError,
  sourceInput,
  testSpec,
} from '../fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../fixtures/storage/temporary-sqlite-store.js';

describe('SQLite store behaviour', () => {
  let temporary: TemporarySqliteStore;

  beforeEach(async () => {
    temporary = await temporarySqliteStore();
  });
  afterEach(async () => {
    await temporary.cleanup();
  });

  it('uses WAL and keeps a write-ahead log beside the file', async () => {
    const source = await temporary.store.upsertSource(sourceInput('main'));
    await temporary.store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0)]));
    expect(temporary.raw().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(`${temporary.path}-wal`)).toBe(true);
  });

  it('keeps its data and applies each migration once across reopens', async () => {
    const source = await temporary.store.upsertSource(sourceInput('main'));
    await temporary.store.writeDocument(
      documentWrite(source.id, 'a.md', [chunk(0, { text: 'persisted' })]),
    );
    await temporary.store.close();
    for (let round = 0; round < 3; round += 1) {
      const reopened = temporary.sibling();
      await reopened.open();
      expect(await reopened.getEmbeddingSpec()).toEqual(testSpec);
      expect(await reopened.lexicalSearch({ terms: ['persisted'], limit: 5 })).toHaveLength(1);
      await reopened.close();
    }
    const recorded = temporary
      .raw()
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all();
    expect(recorded).toEqual(sqliteMigrations.map(({ version }) => ({ version })));
  });

  it("lets two connections share one file, each seeing the other's commits", async () => {
    const other = temporary.sibling();
    await other.open();
    const source = await temporary.store.upsertSource(sourceInput('main'));
    expect(await other.findSource('main')).toEqual(source);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? temporary.store : other).writeDocument(
          documentWrite(source.id, `doc-${index}.md`, [chunk(0), chunk(1)]),
        ),
      ),
    );
    expect(await other.stats()).toMatchObject({ documents: 10, chunks: 20, embeddings: 20 });
    expect(await temporary.store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('works in memory', async () => {
    const store = new SqliteKnowledgeStore({ path: ':memory:' });
    await store.open();
    try {
      await store.pinEmbeddingSpec(testSpec);
      const source = await store.upsertSource(sourceInput('main'));
      await store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0)]));
      expect(await store.vectorSearch({ vector: direction(0), limit: 1 })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('rejects a bad configuration with INVALID_CONFIG', () => {
    expect(() => new SqliteKnowledgeStore({ path: ' ' })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidConfig }),
    );
    for (const hnswThreshold of [0, 1.5, -3]) {
      expect(() => new SqliteKnowledgeStore({ path: 'x.db', hnswThreshold })).toThrow(
        /hnswThreshold/,
      );
    }
  });

  it('reports files it cannot open as STORAGE_ERROR', async () => {
    const notDatabase = join(temporary.directory, 'notes.txt');
    await writeFile(
      notDatabase,
      'this is not a database, just some text that is long enough '.repeat(20),
    );
    await expectArchonError(
      new SqliteKnowledgeStore({ path: notDatabase }).open(),
      ErrorCode.StorageError,
      /cannot open database .*notes\.txt/,
    );
    await expectArchonError(
      new SqliteKnowledgeStore({ path: join(temporary.directory, 'missing', 'x.db') }).open(),
      ErrorCode.StorageError,
    );
  });

  it('refuses a file written by a newer schema and stays closed', async () => {
    await temporary.store.close();
    temporary.raw().prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'later')").run();
    const newer = temporary.sibling();
    await expectArchonError(
      newer.open(),
      ErrorCode.StorageError,
      /newer than this Archon supports/,
    );
    await expectArchonError(newer.listSources(), ErrorCode.StorageError, /not open/);
  });

  it('reports rows it cannot decode as STORAGE_ERROR', async () => {
    const source = await temporary.store.upsertSource(sourceInput('main'));
    const raw = temporary.raw();
    raw.prepare("UPDATE sources SET tags = 'not json'").run();
    await expectArchonError(
      temporary.store.findSource(source.id),
      ErrorCode.StorageError,
      /sources\.tags/,
    );
    raw.prepare('UPDATE sources SET tags = \'{"a":1}\'').run();
    await expectArchonError(
      temporary.store.listSources(),
      ErrorCode.StorageError,
      /list of strings/,
    );
    raw.prepare("UPDATE meta SET value = '{\"modelId\":7}' WHERE key = 'embedding_spec'").run();
    await expectArchonError(
      temporary.store.getEmbeddingSpec(),
      ErrorCode.StorageError,
      /embedding spec/,
    );
  });

  it('reports how it searches vectors', async () => {
    const small = temporary.sibling(2);
    await small.open();
    const source = await small.upsertSource(sourceInput('main'));
    await small.writeDocument(documentWrite(source.id, 'a.md', [chunk(0)]));
    expect((await small.stats()).vectorIndex).toBe('exact');
    await small.writeDocument(documentWrite(source.id, 'b.md', [chunk(0)]));
    expect((await small.stats()).vectorIndex).toBe('hnsw');
  });
});
