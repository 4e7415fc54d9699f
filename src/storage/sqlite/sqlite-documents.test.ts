import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  chunk,
  documentWrite,
  expectArchonError,
  sourceInput,
} from '../../../test/fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../../../test/fixtures/storage/temporary-sqlite-store.js';
import { ErrorCode } from '../../core/errors.js';
import type { DocumentWrite } from '../../core/knowledge-store.js';
import { documentIdOf } from './sqlite-documents.js';

describe('SQLite document writes', () => {
  let temporary: TemporarySqliteStore;
  let sourceId: string;

  beforeEach(async () => {
    temporary = await temporarySqliteStore();
    sourceId = (await temporary.store.upsertSource(sourceInput('main'))).id;
  });
  afterEach(async () => {
    await temporary.cleanup();
  });

  it('derives a stable document id from source and uri', () => {
    expect(documentIdOf('s', 'a.md')).toBe(documentIdOf('s', 'a.md'));
    expect(documentIdOf('s', 'a.md')).not.toBe(documentIdOf('s2', 'a.md'));
    expect(documentIdOf('s', 'a.md')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rejects each malformed part of a document with INVALID_INPUT', async () => {
    const first = chunk(0);
    const good = documentWrite(sourceId, 'a.md', [first]);
    const broken: [Partial<DocumentWrite>, RegExp][] = [
      [{ bytes: -1 }, /bytes/],
      [{ bytes: 1.5 }, /bytes/],
      [{ tags: [3] as never }, /tags/],
      [{ chunks: 'x' as never }, /chunks must be a list/],
      [
        { chunks: [{ ...first, draft: { ...first.draft, headingPath: 'H' as never } }] },
        /heading path/,
      ],
      [{ chunks: [{ ...first, lexical: undefined as never }] }, /lexical/],
    ];
    for (const [change, message] of broken) {
      await expectArchonError(
        temporary.store.writeDocument({ ...good, ...change }),
        ErrorCode.InvalidInput,
        message,
      );
    }
    expect(await temporary.store.listFingerprints(sourceId)).toEqual([]);
  });
});
