/**
 * Real passages for synthetic stores, without fetching anything: the corpus pool
 * when `bench/.data` already holds it, else passages of the built-in knowledge pack.
 * And the "no baseline" the store builder accepts when a bench needs no FTS5 table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { benchDataDirectory, knowledgePackDirectory } from '../corpus/corpus-locations.js';
import { createBenchHome } from './bench-settings.js';
import type { Fts5Baseline } from './fts5-baseline.js';
import { loadPassagePool, type Passage } from './passage-pool.js';

/** A pool of real passages: the corpus pool when fetched, else the knowledge pack's. */
export async function benchPassagePool(): Promise<Passage[]> {
  const corpusPool = join(benchDataDirectory, 'passage-pool.json');
  if (existsSync(corpusPool)) return loadPassagePool([], corpusPool);
  const scratch = createBenchHome('pool');
  try {
    return await loadPassagePool([knowledgePackDirectory], join(scratch.home, 'pool.json'));
  } finally {
    scratch.remove();
  }
}

/** The builder also fills a plain-FTS5 table for other benches; this stands in when none is needed. */
export const noBaseline: Fts5Baseline = {
  insert: () => undefined,
  insertMany: () => undefined,
  search: () => [],
  close: () => undefined,
};
