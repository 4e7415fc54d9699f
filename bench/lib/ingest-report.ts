/**
 * Tables of the ingest benchmark: throughput of the knowledge base beside the
 * plain FTS5 baseline, the incremental re-run, the stage breakdown and, when
 * asked for, the CPU profile summary.
 */
import { formatTable } from './format-table.js';
import type { StageMeasurement } from './ingest-stages.js';
import type { BaselineRun, KnowledgeBaseRun } from './ingest-workers.js';

/** Everything measured for one corpus. */
export interface CorpusResult {
  readonly name: string;
  /** Repeated runs; the median one (by time) is shown. */
  readonly knowledgeBase: readonly KnowledgeBaseRun[];
  readonly baseline: readonly BaselineRun[];
  readonly stages: StageMeasurement;
  readonly profile?: string;
}

const megabytes = (bytes: number): number => bytes / 1_000_000;
const mebibytes = (bytes: number): number => Math.round(bytes / 1_048_576);

/** The run with the median time (the lower middle for an even count). */
export function medianRun<Run>(runs: readonly Run[], seconds: (run: Run) => number): Run {
  const sorted = [...runs].sort((left, right) => seconds(left) - seconds(right));
  const run = sorted[Math.floor((sorted.length - 1) / 2)];
  if (run === undefined) throw new Error('no runs to take the median of');
  return run;
}

function spread<Run>(runs: readonly Run[], bytes: number, seconds: (run: Run) => number): string {
  if (runs.length === 1) return '1';
  const rates = runs.map((run) => megabytes(bytes) / seconds(run));
  return `${runs.length} (${Math.min(...rates).toFixed(2)}-${Math.max(...rates).toFixed(2)})`;
}

function throughputRows(result: CorpusResult): (string | number)[][] {
  const run = medianRun(result.knowledgeBase, (entry) => entry.seconds);
  const rerun = medianRun(result.knowledgeBase, (entry) => entry.rerunSeconds);
  const baseline = medianRun(result.baseline, (entry) => entry.seconds);
  const row = (
    system: string,
    documents: number,
    chunks: number,
    bytes: number,
    seconds: number,
    cpuSeconds: number,
    runs: string,
    peak: number,
    database: number,
  ): (string | number)[] => [
    result.name,
    system,
    documents,
    chunks,
    megabytes(bytes),
    seconds,
    megabytes(bytes) / seconds,
    runs,
    cpuSeconds,
    megabytes(bytes) / cpuSeconds,
    documents / seconds,
    chunks / seconds,
    mebibytes(peak),
    mebibytes(database),
  ];
  return [
    row(
      'KnowledgeBase.ingest, first run',
      run.documents,
      run.chunks,
      run.bytes,
      run.seconds,
      run.cpuSeconds,
      spread(result.knowledgeBase, run.bytes, (entry) => entry.seconds),
      run.peakRssBytes,
      run.databaseBytes,
    ),
    row(
      `then refreshVectorIndex (${run.vectorIndex})`,
      0,
      run.chunks,
      run.bytes,
      run.indexSeconds,
      run.indexCpuSeconds,
      spread(result.knowledgeBase, run.bytes, (entry) => entry.indexSeconds),
      run.peakRssBytes,
      run.databaseBytes,
    ),
    row(
      'ingest + refreshVectorIndex, end to end',
      run.documents,
      run.chunks,
      run.bytes,
      run.seconds + run.indexSeconds,
      run.cpuSeconds + run.indexCpuSeconds,
      spread(result.knowledgeBase, run.bytes, (entry) => entry.seconds + entry.indexSeconds),
      run.peakRssBytes,
      run.databaseBytes,
    ),
    row(
      'KnowledgeBase.ingest, re-run (all unchanged)',
      rerun.rerunUnchanged,
      0,
      rerun.bytes,
      rerun.rerunSeconds,
      rerun.rerunCpuSeconds,
      spread(result.knowledgeBase, rerun.bytes, (entry) => entry.rerunSeconds),
      rerun.rerunPeakRssBytes,
      rerun.databaseBytes,
    ),
    row(
      'baseline: plain FTS5, whole raw files',
      baseline.documents,
      baseline.documents,
      baseline.bytes,
      baseline.seconds,
      baseline.cpuSeconds,
      spread(result.baseline, baseline.bytes, (entry) => entry.seconds),
      baseline.peakRssBytes,
      baseline.databaseBytes,
    ),
  ];
}

/** The throughput table of every corpus. */
export function throughputTable(results: readonly CorpusResult[]): string {
  return formatTable(
    [
      'corpus',
      'system',
      'documents',
      'chunks',
      'MB',
      'seconds',
      'MB/s',
      'runs (MB/s range)',
      'CPU s',
      'MB per CPU s',
      'docs/s',
      'chunks/s',
      'peak RSS MiB',
      'DB MiB',
    ],
    results.flatMap(throughputRows),
  );
}

/** Median end-to-end MB/s of a corpus. */
export function medianMegabytesPerSecond(
  result: CorpusResult,
  options: { withIndex?: boolean } = {},
): number {
  const seconds = (entry: KnowledgeBaseRun): number =>
    entry.seconds + (options.withIndex === true ? entry.indexSeconds : 0);
  const run = medianRun(result.knowledgeBase, seconds);
  return megabytes(run.bytes) / seconds(run);
}

/** The loader's skips per corpus, one line each. */
export function skippedLines(results: readonly CorpusResult[]): string {
  return results
    .map((result) => {
      const skipped = result.knowledgeBase[0]?.skipped ?? {};
      const reasons = Object.entries(skipped).map(([reason, count]) => `${count} ${reason}`);
      return `- ${result.name}: skipped by the loader: ${reasons.length > 0 ? reasons.join(', ') : 'none'}`;
    })
    .join('\n');
}

/** How the median first run's CPU splits between the writing thread and the rest. */
export function threadCpuLines(results: readonly CorpusResult[]): string {
  return results
    .map((result) => {
      const run = medianRun(result.knowledgeBase, (entry) => entry.seconds);
      const split = run.threadCpu;
      if (split === null) return `- ${result.name}: CPU by thread not available (no /proc)`;
      return (
        `- ${result.name}: CPU of the median first run by thread: writing (calling) thread ` +
        `${split.callingThread.toFixed(2)} s, other threads ${split.otherThreads.toFixed(2)} s ` +
        '(preparation workers, V8 platform threads: compiler and GC, the libuv pool)'
      );
    })
    .join('\n');
}

/** Seconds, share and MB/s of each stage, corpora side by side. */
export function stageTable(results: readonly CorpusResult[]): string {
  const stages = ['load', 'chunk', 'tokenize', 'embed', 'write', 'index'] as const;
  const headers = [
    'stage',
    ...results.flatMap((result) => [`${result.name} s`, `${result.name} %`, `${result.name} MB/s`]),
  ];
  const totals = results.map((result) =>
    stages.reduce((sum, stage) => sum + result.stages.seconds[stage], 0),
  );
  const rows: (string | number)[][] = stages.map((stage) => [
    stage,
    ...results.flatMap((result, index) => {
      const seconds = result.stages.seconds[stage];
      return [seconds, (100 * seconds) / totals[index]!, megabytes(result.stages.bytes) / seconds];
    }),
  ]);
  rows.push([
    'total of stages',
    ...results.flatMap((result, index) => [
      totals[index]!,
      100,
      megabytes(result.stages.bytes) / totals[index]!,
    ]),
  ]);
  const notes = results.map((result) => {
    const { stages: measured } = result;
    const perMegabyte = measured.chunks / megabytes(measured.bytes);
    const html =
      measured.htmlBytes > 0
        ? `; HTML to Markdown alone (part of load): ${measured.seconds.htmlToMarkdown.toFixed(2)} s for ` +
          `${megabytes(measured.htmlBytes).toFixed(1)} MB of HTML ` +
          `(${(megabytes(measured.htmlBytes) / measured.seconds.htmlToMarkdown).toFixed(2)} MB/s)`
        : '';
    return `- ${result.name}: ${measured.documents} documents, ${measured.chunks} chunks (${perMegabyte.toFixed(0)} chunks per MB)${html}.`;
  });
  return [formatTable(headers, rows), '', ...notes].join('\n');
}
