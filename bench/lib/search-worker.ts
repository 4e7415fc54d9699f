/**
 * One size of the search benchmark, run alone in a worker process: builds the
 * store (and the FTS5 baseline table) from synthetic chunks, then times hybrid,
 * lexical-only and vector-only KnowledgeBase.search and the baseline's MATCH,
 * after warm-up, one query at a time, and reads RSS along the way.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { createBenchHome } from './bench-settings.js';
import { freeTextMatch, openFts5Baseline } from './fts5-baseline.js';
import { measureMemory, peakRssBytes } from './memory.js';
import { loadPassagePool } from './passage-pool.js';
import { mean, percentiles } from './percentiles.js';
import { type BenchQuery, buildQueryMix } from './query-mix.js';
import { buildSearchStore, type BuildTimes } from './search-store-builder.js';
import type { ServingMemory } from './serving-memory.js';
import { SyntheticChunkSource } from './synthetic-chunks.js';

/** The search modes measured, the last being the plain FTS5 baseline. */
export const modes = ['hybrid', 'lexical', 'vector', 'fts5'] as const;
/** One of {@link modes}. */
export type Mode = (typeof modes)[number];
/** Results asked for per query, as in the baseline's LIMIT 10. */
export const resultLimit = 10;
/** Untimed queries per mode before timing starts. */
export const warmUpQueries = 20;

/** Latency percentiles of one set of queries, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly perSecond: number;
  readonly count: number;
  /** Mean user + system CPU milliseconds per query (all kinds only): robust to a busy machine. */
  readonly cpuMilliseconds?: number;
}

/** Everything measured at one store size. */
export interface SizeResult {
  readonly chunks: number;
  readonly poolSize: number;
  readonly queryCount: number;
  readonly build: BuildTimes;
  readonly buildSeconds: number;
  readonly vectorIndex: string;
  /** store.prepareVectorIndex after the build, as ingest runs it (HNSW build above the threshold). */
  readonly indexSeconds: number;
  readonly firstQueryMilliseconds: number;
  readonly rssAfterBuildBytes: number;
  readonly rssAfterQueriesBytes: number;
  readonly peakRssBytes: number;
  /** RSS of a fresh process serving the built store (see serving-memory.ts). */
  readonly serving?: ServingMemory;
  readonly databaseBytes: number;
  /** Wall-clock seconds of the whole worker (filled in by the parent). */
  wallSeconds?: number;
  readonly latency: Record<Mode, { all: LatencySummary; byKind: Record<string, LatencySummary> }>;
}

function summarize(latencies: readonly number[], seconds: number): LatencySummary {
  const [p50, p95, p99] = percentiles(latencies, [50, 95, 99]);
  return {
    p50: p50!,
    p95: p95!,
    p99: p99!,
    mean: mean(latencies),
    perSecond: latencies.length / seconds,
    count: latencies.length,
  };
}

/** Worker: builds a store of `chunkCount` chunks, then times every mode. */
/** Builds a store of `chunkCount` chunks, then times every mode over `rounds` rounds of the query mix. */
export async function sizeWorker(
  chunkCount: number,
  rounds: number,
  poolCachePath: string,
  servingProbe?: (home: string, queriesFile: string) => Promise<ServingMemory>,
): Promise<SizeResult> {
  const pool = await loadPassagePool([], poolCachePath);
  const queries = buildQueryMix(pool);
  const queriesPerMode = rounds * queries.length;
  const home = createBenchHome(`search-${chunkCount}`);
  const knowledgeBase = await openKnowledgeBase(home.settings);
  const baseline = openFts5Baseline(join(home.home, 'baseline.db'));
  const source = new SyntheticChunkSource(pool, chunkCount);
  const started = performance.now();
  let reported = 0;
  const build = await buildSearchStore(knowledgeBase, baseline, source, chunkCount, (written) => {
    if (written - reported >= 100_000) {
      reported = written;
      console.error(
        `search: ${written} chunks written (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  });
  const buildSeconds = (performance.now() - started) / 1000 - build.baseline;
  const indexStarted = performance.now();
  await knowledgeBase.store.prepareVectorIndex?.();
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const rssAfterBuildBytes = measureMemory().rssBytes;

  const firstStarted = performance.now();
  await knowledgeBase.search({ query: queries[0]!.text, limit: resultLimit });
  const firstQueryMilliseconds = performance.now() - firstStarted;
  const vectorIndex = (await knowledgeBase.stats()).vectorIndex;

  const run = async (mode: Mode, query: string): Promise<void> => {
    if (mode === 'fts5') {
      const match = freeTextMatch(query);
      if (match !== '') baseline.search(match, resultLimit);
    } else {
      await knowledgeBase.search({ query, limit: resultLimit, mode });
    }
  };
  const latency = {} as SizeResult['latency'];
  for (const mode of modes) {
    for (let index = 0; index < warmUpQueries; index++)
      await run(mode, queries[index % queries.length]!.text);
    const samples: { kind: BenchQuery['kind']; milliseconds: number }[] = [];
    const modeStarted = performance.now();
    const cpu = process.cpuUsage();
    for (let index = 0; index < queriesPerMode; index++) {
      const query = queries[index % queries.length]!;
      const before = performance.now();
      await run(mode, query.text);
      samples.push({ kind: query.kind, milliseconds: performance.now() - before });
    }
    const seconds = (performance.now() - modeStarted) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    const cpuMilliseconds = (cpuUsed.user + cpuUsed.system) / 1000 / queriesPerMode;
    const byKind: Record<string, LatencySummary> = {};
    for (const kind of ['heading', 'identifier', 'frequent'] as const) {
      const values = samples
        .filter((sample) => sample.kind === kind)
        .map((sample) => sample.milliseconds);
      const share = values.reduce((sum, value) => sum + value, 0) / 1000;
      byKind[kind] = summarize(values, share);
    }
    const all = summarize(
      samples.map((sample) => sample.milliseconds),
      seconds,
    );
    latency[mode] = { all: { ...all, cpuMilliseconds }, byKind };
  }
  const rssAfterQueriesBytes = measureMemory().rssBytes;
  baseline.close();
  await knowledgeBase.close();
  let serving: ServingMemory | undefined;
  if (servingProbe !== undefined) {
    const queriesFile = join(home.home, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(queries.map((query) => query.text)));
    serving = await servingProbe(home.home, queriesFile);
  }
  const databaseBytes = readdirSync(home.home)
    .filter((name) => !name.startsWith('baseline'))
    .reduce((sum, name) => sum + statSync(join(home.home, name)).size, 0);
  home.remove();
  return {
    chunks: chunkCount,
    poolSize: source.poolSize,
    queryCount: queries.length,
    build,
    buildSeconds,
    vectorIndex,
    indexSeconds,
    firstQueryMilliseconds,
    rssAfterBuildBytes,
    rssAfterQueriesBytes,
    peakRssBytes: peakRssBytes(),
    ...(serving === undefined ? {} : { serving }),
    databaseBytes,
    latency,
  };
}
