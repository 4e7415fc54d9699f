import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  chunk,
  documentWrite,
  sourceInput,
} from '../../../test/fixtures/storage/knowledge-store-builders.js';
import {
  type TemporarySqliteStore,
  temporarySqliteStore,
} from '../../../test/fixtures/storage/temporary-sqlite-store.js';
import { frequentTermRows, frequentTermThreshold } from './sqlite-lexical-search.js';

describe('frequent-term threshold', () => {
  it('never drops terms in small bases', () => {
    expect(frequentTermThreshold(0)).toBeNull();
    expect(frequentTermThreshold(frequentTermRows.minimum)).toBeNull();
  });

  it('grows with the base between its bounds', () => {
    expect(frequentTermThreshold(1_001)).toBe(1_000);
    expect(frequentTermThreshold(100_000)).toBe(5_000);
    expect(frequentTermThreshold(1_000_000)).toBe(20_000);
  });
});

describe('SQLite lexical search', () => {
  let temporary: TemporarySqliteStore;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    temporary = await temporarySqliteStore();
    const { store } = temporary;
    const source = await store.upsertSource(sourceInput('main'));
    // 1 200 chunks share "everywhere": more than the 1 000 rows that make a term frequent.
    for (let batch = 0; batch < 12; batch += 1) {
      const chunks = Array.from({ length: 100 }, (_, index) =>
        chunk(index, { body: `everywhere filler${batch} item${index}` }),
      );
      await store.writeDocument(documentWrite(source.id, `bulk-${batch}.md`, chunks));
    }
    const special = await store.writeDocument(
      documentWrite(source.id, 'special.md', [
        chunk(0, { body: 'everywhere scarce' }),
        chunk(1, { body: 'the runner was running' }),
        chunk(2, { body: 'a naïve café' }),
      ]),
    );
    const stored = await store.getDocument(special.id);
    for (const item of stored?.chunks ?? []) ids.set(item.text, item.id);
  });
  afterAll(async () => {
    await temporary.cleanup();
  });

  it('drops a term found in most chunks when a rarer term remains', async () => {
    const hits = await temporary.store.lexicalSearch({
      terms: ['everywhere', 'scarce'],
      limit: 10,
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.chunkId).toBe(ids.get('chunk number 0'));
  });

  it('keeps a frequent term when it is all the query has', async () => {
    const hits = await temporary.store.lexicalSearch({ terms: ['everywhere'], limit: 7 });
    expect(hits).toHaveLength(7);
  });

  it('matches inflections through the porter stemmer', async () => {
    const hits = await temporary.store.lexicalSearch({ terms: ['runs'], limit: 5 });
    expect(hits.map((hit) => hit.chunkId)).toEqual([ids.get('chunk number 1')]);
  });

  it('ignores diacritics', async () => {
    const hits = await temporary.store.lexicalSearch({ terms: ['naive', 'cafe'], limit: 5 });
    expect(hits.map((hit) => hit.chunkId)).toEqual([ids.get('chunk number 2')]);
  });
});
