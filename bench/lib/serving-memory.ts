/**
 * Memory of a knowledge base as a server holds it: a fresh process opens a store the
 * benchmark built, loads its vector index from the saved file, answers the query list
 * in every mode, and reports its RSS. The building process cannot say this: it also
 * holds the benchmark's passage pool, the FTS5 baseline and the index build's garbage.
 */
import { readFileSync } from 'node:fs';

import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { benchSettings } from './bench-settings.js';
import { measureMemory, peakRssBytes } from './memory.js';

/** What the serving process measured, in bytes. */
export interface ServingMemory {
  /** After opening the store and one search (the index is loaded by then). */
  readonly rssLoadedBytes: number;
  /** After every query of every mode, after a full garbage collection. */
  readonly rssQueriedBytes: number;
  readonly peakRssBytes: number;
}

/** Opens the store under `home` and runs `queries` (a JSON list of strings) `rounds` times per mode. */
export async function servingMemoryWorker(
  home: string,
  queriesFile: string,
  rounds: number,
  limit: number,
): Promise<ServingMemory> {
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as string[];
  const knowledgeBase = await openKnowledgeBase(benchSettings(home));
  try {
    await knowledgeBase.search({ query: queries[0] ?? 'search', limit });
    const rssLoadedBytes = measureMemory().rssBytes;
    for (const mode of ['hybrid', 'lexical', 'vector'] as const) {
      for (let round = 0; round < rounds; round++) {
        for (const query of queries) await knowledgeBase.search({ query, limit, mode });
      }
    }
    return {
      rssLoadedBytes,
      rssQueriedBytes: measureMemory().rssBytes,
      peakRssBytes: peakRssBytes(),
    };
  } finally {
    await knowledgeBase.close();
  }
}
