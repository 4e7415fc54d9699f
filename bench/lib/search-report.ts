/**
 * Tables of the search benchmark: latency per mode beside the FTS5 baseline,
 * latency per query kind, and build time and memory per store size.
 */
import { formatTable } from './format-table.js';
import type { BenchQuery } from './query-mix.js';
import { type Mode, modes, resultLimit, type SizeResult, warmUpQueries } from './search-worker.js';

const mebibytes = (bytes: number): number => Math.round(bytes / 1_048_576);
const modeLabels: Record<Mode, string> = {
  hybrid: 'hybrid (KnowledgeBase.search)',
  lexical: 'lexical only',
  vector: 'vector only',
  fts5: 'baseline: plain FTS5 bm25',
};

/** The whole search section of RESULTS.md. */
export function searchReport(
  results: readonly SizeResult[],
  command: string,
  machine: string,
  loadAverages: string,
  queries: readonly BenchQuery[],
): string {
  const latencyRows = results.flatMap((result) =>
    modes.map((mode) => {
      const summary = result.latency[mode].all;
      return [
        result.chunks,
        modeLabels[mode],
        summary.p50,
        summary.p95,
        summary.p99,
        summary.mean,
        summary.perSecond,
        summary.cpuMilliseconds ?? Number.NaN,
      ];
    }),
  );
  const kindRows = results.flatMap((result) =>
    modes.flatMap((mode) =>
      Object.entries(result.latency[mode].byKind).map(([kind, summary]) => [
        result.chunks,
        modeLabels[mode],
        kind,
        summary.p50,
        summary.p99,
        summary.count,
      ]),
    ),
  );
  const buildRows = results.map((result) => [
    result.chunks,
    result.buildSeconds,
    result.build.generate,
    result.build.tokenize,
    result.build.embed,
    result.build.write,
    result.chunks / result.buildSeconds,
    result.build.baseline,
    result.vectorIndex,
    result.indexSeconds ?? Number.NaN,
    result.firstQueryMilliseconds,
    mebibytes(result.rssAfterBuildBytes),
    mebibytes(result.rssAfterQueriesBytes),
    mebibytes(result.peakRssBytes),
    result.serving === undefined ? Number.NaN : mebibytes(result.serving.rssQueriedBytes),
    result.serving === undefined ? Number.NaN : mebibytes(result.serving.peakRssBytes),
    mebibytes(result.databaseBytes),
    result.wallSeconds ?? Number.NaN,
  ]);
  const verdicts = results.map((result) => {
    const hybrid = result.latency.hybrid.all;
    const parts = [`hybrid p50 ${hybrid.p50.toFixed(2)} ms, p99 ${hybrid.p99.toFixed(2)} ms`];
    if (result.chunks === 100_000) {
      parts.push(
        `target p50 < 10 ms ${hybrid.p50 < 10 ? 'met' : 'NOT met'}, p99 < 50 ms ${hybrid.p99 < 50 ? 'met' : 'NOT met'}`,
      );
    }
    if (result.chunks >= 1_000_000) {
      const serving = result.serving;
      const rss =
        serving === undefined
          ? Math.max(result.rssAfterQueriesBytes, result.rssAfterBuildBytes)
          : Math.max(serving.rssLoadedBytes, serving.rssQueriedBytes);
      const who = serving === undefined ? 'RSS' : 'RSS of a serving process';
      parts.push(
        `${who} ${mebibytes(rss)} MiB, target < 1 GiB ${rss < 1_073_741_824 ? 'met' : 'NOT met'} ` +
          `(building process, bench data included: ${mebibytes(Math.max(result.rssAfterQueriesBytes, result.rssAfterBuildBytes))} MiB, peak ${mebibytes(result.peakRssBytes)} MiB)`,
      );
    }
    return `- ${result.chunks.toLocaleString('en-US')} chunks: ${parts.join('; ')}.`;
  });
  const kinds = (kind: BenchQuery['kind']): string =>
    queries
      .filter((query) => query.kind === kind)
      .map((query) => `\`${query.text}\``)
      .slice(0, 8)
      .join(', ');
  return [
    `## Hybrid search latency at ${results.map((result) => result.chunks.toLocaleString('en-US')).join(', ')} chunks`,
    '',
    `Command: \`${command}\``,
    '',
    machine,
    `- Load average (1/5/15 min): ${loadAverages}`,
    '',
    `Stores: synthetic chunks spliced from ${results[0]?.poolSize ?? 0} real passages (Markdown corpus, Python reST`,
    'sources, PostgreSQL manual; chunked by the real chunker), 20 chunks per document, written with',
    'store.writeDocument; lexical fields and hash:v2 vectors made as ingest makes them. The vector path is',
    'an exact sqlite-vec scan below hnswThreshold (20,000 by default) and the usearch HNSW index from it on.',
    `Queries: ${queries.length} (${queries.filter((query) => query.kind === 'heading').length} headings, ` +
      `${queries.filter((query) => query.kind === 'identifier').length} identifiers, ` +
      `${queries.filter((query) => query.kind === 'frequent').length} frequent-term), each run ${results[0]?.latency.hybrid.all.count ?? 0} times per mode (rounds over the list); single client, warm`,
    `(${warmUpQueries} warm-up queries per mode), limit ${resultLimit}. Latencies in milliseconds (wall clock);`,
    'CPU ms/query = user + system CPU time of the process per query, which a busy machine inflates less.',
    `Examples: headings ${kinds('heading')}; identifiers ${kinds('identifier')}; frequent ${kinds('frequent')}.`,
    '',
    formatTable(
      ['chunks', 'mode', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'queries/s', 'CPU ms/query'],
      latencyRows,
    ),
    '',
    ...verdicts,
    '',
    'By query kind:',
    '',
    formatTable(['chunks', 'mode', 'kind', 'p50 ms', 'p99 ms', 'samples'], kindRows),
    '',
    'Build and memory (seconds; build excludes the FTS5 baseline table, timed apart; index build =',
    'store.prepareVectorIndex after the build, as ingest runs it (the HNSW build above the threshold);',
    'first query = the first hybrid search after that; RSS "built" is read after the index build, after a',
    'full garbage collection (this process also holds the passage pool and the FTS5 baseline); serving =',
    'a fresh process that opens the built store, loads the index from its file and runs every query of',
    'the hybrid, lexical and vector modes, RSS after a full collection, and its peak; DB = SQLite files',
    'plus the HNSW index file; size runtime = wall time of the',
    'whole size, build, index and all queries):',
    '',
    formatTable(
      [
        'chunks',
        'build s',
        'generate',
        'tokenize',
        'embed',
        'write',
        'chunks/s',
        'FTS5 build s',
        'vector path',
        'index build s',
        'first query ms',
        'RSS built MiB',
        'RSS queried MiB',
        'peak RSS MiB',
        'serving RSS MiB',
        'serving peak MiB',
        'DB MiB',
        'size runtime s',
      ],
      buildRows,
    ),
  ].join('\n');
}
