/**
 * The measurements of the ingest benchmark, each meant to run alone in a
 * worker process: the real KnowledgeBase (first ingest, then an unchanged
 * re-run), the plain FTS5 baseline over the same files, and the stage-by-stage
 * breakdown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { createBenchHome } from './bench-settings.js';
import { builtOpenKnowledgeBase } from './built-package.js';
import { openFts5Baseline } from './fts5-baseline.js';
import { measureIngestStages, type StageMeasurement } from './ingest-stages.js';
import { ingestableFiles } from './ingestable-files.js';
import { peakRssBytes } from './memory.js';
import { type ThreadCpu, ThreadCpuSampler } from './thread-cpu.js';

/** One end-to-end ingest and its unchanged re-run. */
export interface KnowledgeBaseRun {
  readonly documents: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly seconds: number;
  /** User + system CPU seconds of the process during the ingest. */
  readonly cpuSeconds: number;
  /** The same CPU split by thread (Linux only): the writing thread and all others. */
  readonly threadCpu: ThreadCpu | null;
  readonly peakRssBytes: number;
  readonly rerunSeconds: number;
  readonly rerunCpuSeconds: number;
  readonly rerunUnchanged: number;
  readonly rerunPeakRssBytes: number;
  /** KnowledgeBase.refreshVectorIndex right after the first run. */
  readonly indexSeconds: number;
  readonly indexCpuSeconds: number;
  readonly vectorIndex: string;
  /** Loader skips by reason. */
  readonly skipped: Record<string, number>;
  readonly databaseBytes: number;
}

/** One FTS5 baseline ingest. */
export interface BaselineRun {
  readonly documents: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly databaseBytes: number;
}

/**
 * First ingest and unchanged re-run of `root` through openKnowledgeBase + ingest, from
 * the built package (see built-package.ts).
 */
export async function knowledgeBaseWorker(root: string): Promise<KnowledgeBaseRun> {
  const home = createBenchHome('ingest');
  const openKnowledgeBase = await builtOpenKnowledgeBase();
  const knowledgeBase = await openKnowledgeBase(home.settings);
  let started = performance.now();
  let cpu = process.cpuUsage();
  const sampler = new ThreadCpuSampler();
  const first = await knowledgeBase.ingest({ targets: [root], source: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  const threadCpu = sampler.stop();
  const firstPeak = peakRssBytes();
  // Indexing is its own step after ingest (the CLI runs it next; the server in the background).
  started = performance.now();
  cpu = process.cpuUsage();
  const refreshed = await knowledgeBase.refreshVectorIndex();
  const indexSeconds = (performance.now() - started) / 1000;
  const indexCpuSeconds = cpuSecondsSince(cpu);
  started = performance.now();
  cpu = process.cpuUsage();
  const rerun = await knowledgeBase.ingest({ targets: [root], source: 'bench' });
  const rerunSeconds = (performance.now() - started) / 1000;
  const rerunCpuSeconds = cpuSecondsSince(cpu);
  await knowledgeBase.close();
  const skipped: Record<string, number> = {};
  for (const item of first.skipped) skipped[item.reason] = (skipped[item.reason] ?? 0) + 1;
  const databaseBytes = folderBytes(home.home);
  home.remove();
  return {
    documents: first.added,
    chunks: first.chunks,
    bytes: first.bytes,
    seconds,
    cpuSeconds,
    threadCpu,
    indexSeconds,
    indexCpuSeconds,
    vectorIndex: refreshed.vectorIndex,
    peakRssBytes: firstPeak,
    rerunSeconds,
    rerunCpuSeconds,
    rerunUnchanged: rerun.unchanged,
    rerunPeakRssBytes: peakRssBytes(),
    skipped,
    databaseBytes,
  };
}

/** Whole raw files into one FTS5 table, one transaction per file. */
export function baselineWorker(root: string): BaselineRun {
  const home = createBenchHome('fts5');
  const files = ingestableFiles(root, home.settings.ingest.maxFileBytes);
  const baseline = openFts5Baseline(join(home.home, 'baseline.db'));
  const started = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    bytes += file.bytes;
    baseline.insert(file.path, text);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  baseline.close();
  const databaseBytes = folderBytes(home.home);
  home.remove();
  return {
    documents: files.length,
    bytes,
    seconds,
    cpuSeconds,
    peakRssBytes: peakRssBytes(),
    databaseBytes,
  };
}

/** The pipeline's stages one at a time over `root`. */
export async function stagesWorker(root: string): Promise<StageMeasurement> {
  const home = createBenchHome('stages');
  const html = ingestableFiles(root, home.settings.ingest.maxFileBytes).filter(
    (file) => file.language === 'html',
  );
  const measured = await measureIngestStages(root, home.settings, html);
  home.remove();
  return measured;
}

/** User + system CPU seconds of this process since `start`. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000_000;
}

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}
