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

  it('leaves out a term found nowhere instead of matching only it', async () => {
    const hits = await temporary.store.lexicalSearch({
      terms: ['everywhere', 'nowhere0term'],
      limit: 7,
    });
    expect(hits).toHaveLength(7);
  });
});

describe('SQLite lexical search with MaxScore pruning', () => {
  let temporary: TemporarySqliteStore;
  // Terms over 1 500 chunks from 1 in 2 to 1 in 500: frequent, common and rare ones.
  const spreads = { alpha: 2, bravo: 3, charlie: 7, delta: 13, echo: 41, foxtrot: 97, golf: 500 };
  const words = Object.keys(spreads) as (keyof typeof spreads)[];

  beforeAll(async () => {
    temporary = await temporarySqliteStore();
    const { store } = temporary;
    const source = await store.upsertSource(sourceInput('main'));
    for (let batch = 0; batch < 15; batch += 1) {
      const chunks = Array.from({ length: 100 }, (_, index) => {
        const n = batch * 100 + index;
        const body = words
          .filter((word) => n % spreads[word] === 0)
          .flatMap((word) => Array.from({ length: 1 + ((n >> 3) % 3) }, () => word));
        const padding = Array.from({ length: n % 11 }, (_, k) => `pad${k}`);
        const title = n % 17 === 0 ? words[n % words.length]! : '';
        return chunk(index, { body: [...body, ...padding, `id${n}`].join(' '), title });
      });
      await store.writeDocument(documentWrite(source.id, `bulk-${batch}.md`, chunks));
    }
  });
  afterAll(async () => {
    await temporary.cleanup();
  });

  /** The unpruned answer: every matching row scored, the selected terms in bound order. */
  function allRowsScored(terms: readonly string[], limit: number) {
    return temporary
      .raw()
      .prepare(
        `SELECT rowid AS id, bm25(chunk_fts, 8, 4, 1) AS rank FROM chunk_fts
         WHERE chunk_fts MATCH ? ORDER BY rank, id LIMIT ?`,
      )
      .all(terms.map((term) => `"${term}"`).join(' OR '), limit) as { id: number; rank: number }[];
  }

  const queries: { terms: string[]; selected: string[] }[] = [
    // No term passes the 1 000-row threshold here; alpha (1 in 2) scores at bm25's idf floor.
    { terms: ['alpha', 'bravo', 'golf'], selected: ['golf', 'bravo', 'alpha'] },
    {
      terms: ['golf', 'foxtrot', 'echo', 'delta', 'charlie'],
      selected: ['golf', 'foxtrot', 'echo', 'delta', 'charlie'],
    },
    { terms: ['charlie', 'delta'], selected: ['delta', 'charlie'] },
    { terms: ['golf', 'charlie'], selected: ['golf', 'charlie'] },
    { terms: ['echo', 'delta', 'charlie', 'id7'], selected: ['id7', 'echo', 'delta', 'charlie'] },
  ];

  it('returns exactly the top k of scoring every matching row', async () => {
    for (const { terms, selected } of queries) {
      for (const limit of [1, 5, 20, 200]) {
        const hits = await temporary.store.lexicalSearch({ terms, limit });
        const expected = allRowsScored(selected, limit);
        expect(hits.map((hit) => hit.chunkId)).toEqual(expected.map((row) => row.id));
        expect(hits.map((hit) => hit.score)).toEqual(expected.map((row) => -row.rank));
      }
    }
  });

  it('respects a filter while pruning', async () => {
    const hits = await temporary.store.lexicalSearch({
      terms: ['charlie', 'delta'],
      limit: 10,
      filter: { kind: 'text' },
    });
    const expected = allRowsScored(['delta', 'charlie'], 10);
    expect(hits.map((hit) => hit.chunkId)).toEqual(expected.map((row) => row.id));
  });

  it('sees terms a later write adds', async () => {
    expect(await temporary.store.lexicalSearch({ terms: ['hotel'], limit: 5 })).toEqual([]);
    const source = (await temporary.store.listSources())[0]!;
    await temporary.store.writeDocument(
      documentWrite(source.id, 'late.md', [chunk(0, { text: 'late', body: 'hotel charlie' })]),
    );
    const hits = await temporary.store.lexicalSearch({ terms: ['hotel', 'charlie'], limit: 5 });
    expect(hits).toHaveLength(5);
    const [first] = await temporary.store.getChunks([hits[0]?.chunkId ?? 0]);
    expect(first?.chunk.text).toBe('late');
  });
});
