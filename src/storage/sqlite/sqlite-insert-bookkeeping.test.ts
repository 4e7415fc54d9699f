import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  chunk,
  documentWrite,
  testSpec,
} from '../../../test/fixtures/storage/knowledge-store-builders.js';
import { writeEmbeddings } from './sqlite-chunks.js';
import { writeDocuments } from './sqlite-documents.js';
import { pinEmbeddingSpec, resetEmbeddingRows } from './sqlite-embedding-spec.js';
import { checkIntegrity } from './sqlite-integrity.js';
import { openMigratedDatabase } from './sqlite-migrated-database.js';
import { upsertSource } from './sqlite-sources.js';
import type { SqliteStatements } from './sqlite-statements.js';

let directory: string;
let statements: SqliteStatements;

function scalar(sql: string): number {
  return statements.prepareValue<number>(sql).get() as number;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'archon-bookkeeping-'));
  statements = openMigratedDatabase(join(directory, 'archon.db'));
  pinEmbeddingSpec(statements, testSpec);
});
afterEach(() => {
  statements.database.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('insert bookkeeping without insert triggers', () => {
  it('counts inserted chunks and vectors, bumps the content version, logs vectors only while indexed', () => {
    const source = upsertSource(statements, {
      name: 'docs',
      kind: 'files',
      locations: [],
      tags: [],
    });
    const versionBefore = scalar('SELECT value FROM content_version');
    writeDocuments(statements, [
      documentWrite(source.id, 'a.md', [chunk(0), chunk(1)]),
      documentWrite(source.id, 'b.md', []),
    ]);
    expect(scalar("SELECT value FROM counters WHERE name = 'chunks'")).toBe(2);
    expect(scalar("SELECT value FROM counters WHERE name = 'embeddings'")).toBe(2);
    expect(scalar('SELECT value FROM content_version')).toBeGreaterThan(versionBefore);
    expect(scalar('SELECT count(*) FROM vector_changes')).toBe(0);

    statements.prepare('INSERT INTO vector_index_state VALUES (1, 0, 0, NULL)').run();
    writeDocuments(statements, [documentWrite(source.id, 'a.md', [chunk(0), chunk(1), chunk(2)])]);
    expect(scalar("SELECT value FROM counters WHERE name = 'chunks'")).toBe(3);
    expect(
      statements
        .prepare<{ kind: string; n: number }>(
          'SELECT kind, count(*) AS n FROM vector_changes GROUP BY kind ORDER BY kind',
        )
        .all(),
    ).toEqual([
      { kind: 'delete', n: 2 },
      { kind: 'insert', n: 3 },
    ]);
    expect(checkIntegrity(statements)).toEqual({ ok: true, problems: [] });
  });

  it('counts vectors written again after a reset, and replaced ones only once', () => {
    const source = upsertSource(statements, {
      name: 'docs',
      kind: 'files',
      locations: [],
      tags: [],
    });
    writeDocuments(statements, [documentWrite(source.id, 'a.md', [chunk(0), chunk(1)])]);
    const ids = statements.prepareValue<number>('SELECT id FROM chunks ORDER BY id').all();
    statements.write(() => resetEmbeddingRows(statements, testSpec));
    expect(scalar("SELECT value FROM counters WHERE name = 'embeddings'")).toBe(0);
    const version = scalar('SELECT value FROM content_version');
    const vector = chunk(0).vector;
    writeEmbeddings(statements, [{ chunkId: ids[0] as number, vector }]);
    writeEmbeddings(
      statements,
      ids.map((chunkId) => ({ chunkId, vector })),
    );
    writeEmbeddings(statements, [{ chunkId: 999_999, vector }]);
    expect(scalar("SELECT value FROM counters WHERE name = 'embeddings'")).toBe(2);
    expect(scalar('SELECT value FROM content_version')).toBeGreaterThan(version);
    expect(checkIntegrity(statements)).toEqual({ ok: true, problems: [] });
  });
});
