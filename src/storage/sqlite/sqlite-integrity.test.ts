import { closeSync, openSync, writeSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  chunk,
  documentWrite,
  sourceInput,
} from '../../../test/fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../../../test/fixtures/storage/temporary-sqlite-store.js';

describe('SQLite integrity check', () => {
  let temporary: TemporarySqliteStore;

  beforeEach(async () => {
    temporary = await temporarySqliteStore();
    const source = await temporary.store.upsertSource(sourceInput('main'));
    await temporary.store.writeDocument(documentWrite(source.id, 'a.md', [chunk(0), chunk(1)]));
  });
  afterEach(async () => {
    await temporary.cleanup();
  });

  async function problemsAfter(damage: string): Promise<string> {
    const raw = temporary.raw();
    raw.pragma('foreign_keys = OFF');
    raw.exec(damage);
    const report = await temporary.store.checkIntegrity();
    expect(report.ok).toBe(false);
    return report.problems.join('\n');
  }

  it('passes on a healthy store', async () => {
    expect(await temporary.store.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('finds documents without a source', async () => {
    expect(await problemsAfter('DELETE FROM sources')).toMatch(
      /^1 documents belong to no source$/m,
    );
  });

  it('finds orphan chunks, which also lack full-text rows and vectors', async () => {
    const problems = await problemsAfter(
      `INSERT INTO chunks (document_id, ordinal, kind, text, heading_path, start_line, end_line, language, token_count, context)
       VALUES ('missing', 0, 'text', 'x', '[]', 1, 1, 'markdown', 1, '')`,
    );
    expect(problems).toMatch(/1 chunks belong to no document \(orphans\)/);
    expect(problems).toMatch(/1 chunks have no full-text row/);
    expect(problems).toMatch(/1 chunks have no vector/);
  });

  it('finds vectors without chunks', async () => {
    expect(await problemsAfter('INSERT INTO embeddings VALUES (424242, zeroblob(32))')).toMatch(
      /1 vectors belong to no chunk/,
    );
  });

  it('finds full-text rows without chunks', async () => {
    expect(
      await problemsAfter(
        "INSERT INTO chunk_fts (rowid, title, headings, body) VALUES (424242, 'a', 'b', 'c')",
      ),
    ).toMatch(/1 full-text rows belong to no chunk/);
  });

  it('finds vectors of the wrong length', async () => {
    expect(await problemsAfter('UPDATE embeddings SET vector = zeroblob(12)')).toMatch(
      /2 vectors do not have the pinned 8 dimensions/,
    );
  });

  it('finds vectors stored without a pinned model', async () => {
    expect(await problemsAfter("DELETE FROM meta WHERE key = 'embedding_spec'")).toMatch(
      /2 vectors are stored but no embedding model is pinned/,
    );
  });

  it('finds counters that drifted from the tables', async () => {
    const problems = await problemsAfter('UPDATE counters SET value = value + 5');
    expect(problems).toMatch(/chunk counter disagrees/);
    expect(problems).toMatch(/vector counter disagrees/);
  });

  async function problemsAfterDamagingPage(name: string, offset = 8): Promise<string> {
    const raw = temporary.raw();
    const { rootpage } = raw
      .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
      .get(name) as {
      rootpage: number;
    };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.pragma('wal_checkpoint(TRUNCATE)');
    await temporary.store.close();
    raw.close();
    const file = openSync(temporary.path, 'r+');
    const start = (rootpage - 1) * pageSize + (offset >= 0 ? offset : pageSize + offset);
    writeSync(file, Buffer.alloc(16, 0x7a), 0, 16, start);
    closeSync(file);
    const reopened = temporary.sibling();
    await reopened.open();
    const report = await reopened.checkIntegrity();
    expect(report.ok).toBe(false);
    return report.problems.join('\n');
  }

  it('reports what PRAGMA integrity_check finds', async () => {
    expect(await problemsAfterDamagingPage('chunks_by_document', -20)).toMatch(
      /sqlite integrity_check: /,
    );
  });

  it('reports checks that cannot run on a damaged page', async () => {
    expect(await problemsAfterDamagingPage('chunks_by_document')).toMatch(/cannot check/);
  });

  it('reports a damaged full-text index', async () => {
    expect(await problemsAfterDamagingPage('chunk_fts_data')).toMatch(/full-text index is damaged/);
  });
});
