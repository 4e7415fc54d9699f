/**
 * The knowledge base of the HTTP search benchmark: `chunks` synthetic chunks of real
 * passages with HNSW prepared, built once into `bench/.data/http-search-<chunks>/`
 * (ignored by git) and reused by later runs. A `complete.json` written last marks a
 * finished build, so an interrupted one is rebuilt rather than measured.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadSettings } from '../../src/config/load-settings.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { benchDataDirectory } from '../corpus/corpus-locations.js';
import { noBaseline } from './bench-passages.js';
import type { Passage } from './passage-pool.js';
import { buildSearchStore } from './search-store-builder.js';
import { SyntheticChunkSource } from './synthetic-chunks.js';

/** What a finished build recorded. */
export interface HttpSearchStore {
  readonly home: string;
  readonly chunks: number;
  readonly vectorIndex: string;
  readonly buildSeconds: number;
  /** True when this run built it; false when it was reused. */
  readonly built: boolean;
}

/** The environment a server over the bench home needs (hash embeddings, no pack). */
export function benchServerEnvironment(home: string): Record<string, string> {
  return { ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash' };
}

/** Returns the store of `chunks` chunks, building it first when absent or unfinished. */
export async function ensureHttpSearchStore(
  chunks: number,
  pool: readonly Passage[],
): Promise<HttpSearchStore> {
  const home = join(benchDataDirectory, `http-search-${chunks}`);
  const marker = join(home, 'complete.json');
  if (existsSync(marker)) {
    const recorded = JSON.parse(readFileSync(marker, 'utf8')) as Omit<HttpSearchStore, 'built'>;
    return { ...recorded, home, built: false };
  }
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ knowledgePack: false }));
  const settings = loadSettings(benchServerEnvironment(home));
  const knowledgeBase = await openKnowledgeBase(settings);
  const started = performance.now();
  try {
    await buildSearchStore(
      knowledgeBase,
      noBaseline,
      new SyntheticChunkSource(pool, chunks),
      chunks,
    );
    const vectorIndex = (await knowledgeBase.store.prepareVectorIndex?.()) ?? 'exact';
    const record = {
      home,
      chunks,
      vectorIndex,
      buildSeconds: (performance.now() - started) / 1000,
    };
    writeFileSync(marker, JSON.stringify(record));
    return { ...record, built: true };
  } finally {
    await knowledgeBase.close();
  }
}
