/**
 * CPU per uncached hybrid search at 100,000 chunks, the base commit and the working
 * tree side by side in one run: `KnowledgeBase.search` in-process (no HTTP, no cache),
 * over the bench query mix, each tree in its own worker process, alternating, on the
 * same store (the HTTP bench's, under bench/.data). The base tree's `src` is
 * extracted with `git archive`. Per-search CPU (process.cpuUsage) is the main
 * measure: steadier than wall time on a shared machine. The table also says how many
 * queries returned the same top results in both trees.
 *
 *   node --import tsx bench/search-cpu.ts [--base <commit>] [--rounds 2] [--passes 5]
 *     [--chunks 100000] [--write-results]
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import type { loadSettings as LoadSettings } from '../src/config/load-settings.js';
import type { openKnowledgeBase as OpenKnowledgeBase } from '../src/knowledge/open-knowledge-base.js';
import { benchPassagePool } from './lib/bench-passages.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { distinctQuery } from './lib/distinct-query.js';
import { formatTable } from './lib/format-table.js';
import { baseAndWorkingTrees, repositoryRoot } from './lib/git-trees.js';
import { benchServerEnvironment, ensureHttpSearchStore } from './lib/http-search-store.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { mean, percentiles } from './lib/percentiles.js';
import { buildQueryMix } from './lib/query-mix.js';
import { writeResultsSection } from './lib/results-file.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);
/** Results per search, as the HTTP bench asks. */
const limit = 8;

/** What one worker measured. */
interface WorkerResult {
  readonly cpuMs: number[];
  readonly wallMs: number[];
  /** Top result ids per query of the first pass, joined. */
  readonly topIds: string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      root: { type: 'string' },
      home: { type: 'string' },
      base: { type: 'string' },
      rounds: { type: 'string', default: '2' },
      passes: { type: 'string', default: '5' },
      chunks: { type: 'string', default: '100000' },
      'write-results': { type: 'boolean', default: false },
      section: { type: 'string', default: 'search-cpu' },
    },
  });
  const passes = parsePositiveInteger(values.passes, 'passes');
  if (values.worker === 'search') {
    printWorkerResult(await measureTree(values.root ?? '', values.home ?? '', passes));
    return;
  }
  const rounds = parsePositiveInteger(values.rounds, 'rounds');
  const chunks = parsePositiveInteger(values.chunks, 'chunks');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const store = await ensureHttpSearchStore(chunks, await benchPassagePool());
  const { base, trees } = baseAndWorkingTrees('search-cpu', values.base);
  const results = trees.map(() => ({
    cpuMs: [] as number[],
    wallMs: [] as number[],
    topIds: [] as string[],
  }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, tree] of trees.entries()) {
      console.error(`search-cpu: round ${round + 1}, ${tree.name}`);
      const result = await runWorker<WorkerResult>(script, 'search', [
        '--root',
        tree.root,
        '--home',
        store.home,
        '--passes',
        String(passes),
      ]);
      const into = results[index]!;
      into.cpuMs.push(...result.cpuMs);
      into.wallMs.push(...result.wallMs);
      if (into.topIds.length === 0) into.topIds.push(...result.topIds);
    }
  }
  const baseIds = results[0]!.topIds;
  const rows = trees.map((tree, index) => {
    const { cpuMs, wallMs, topIds } = results[index]!;
    const [p50, p95, p99] = percentiles(wallMs, [50, 95, 99]);
    const same = topIds.filter((ids, query) => ids === baseIds[query]).length;
    return [
      tree.name,
      mean(cpuMs).toFixed(3),
      p50!.toFixed(2),
      p95!.toFixed(2),
      p99!.toFixed(2),
      Math.round(1000 / mean(wallMs)).toLocaleString('en-US'),
      Math.round(1000 / mean(cpuMs)).toLocaleString('en-US'),
      cpuMs.length.toLocaleString('en-US'),
      `${same} / ${topIds.length}`,
    ];
  });
  const table = formatTable(
    [
      'tree',
      'CPU ms/search',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'searches/s (wall)',
      'searches/s (CPU)',
      'searches',
      `same top ${limit} as base`,
    ],
    rows,
  );
  const text = [
    `## Uncached hybrid search CPU at ${chunks.toLocaleString('en-US')} chunks: base vs this tree`,
    '',
    `Command: \`node --import tsx bench/search-cpu.ts --base ${base} --rounds ${rounds} --passes ${passes}\``,
    '',
    machine,
    `- Load average (1 / 5 / 15 min): ${loadBefore} before, ${formatLoadAverage()} after`,
    `- Store: ${store.home.replace(repositoryRoot + '/', '')} (${store.chunks.toLocaleString('en-US')} chunks, ${store.vectorIndex}), hashing embedder, no search cache.`,
    `- Each tree runs \`KnowledgeBase.search\` (hybrid, limit ${limit}) in its own worker process, ${rounds} rounds alternating, each round one warm-up pass and ${passes} timed passes over the ${baseIds.length} queries of bench/lib/query-mix.ts, one search at a time; every query made distinct with bench/lib/distinct-query.ts. CPU = user + system of the worker per search; searches/s (wall) = 1000 / mean latency, single-threaded.`,
    '',
    table,
  ].join('\n');
  console.log(text);
  if (values['write-results']) writeResultsSection(values.section, text);
}

/** Runs the query mix through `root`'s KnowledgeBase over the store at `home`. */
async function measureTree(root: string, home: string, passes: number): Promise<WorkerResult> {
  const from = (path: string) => pathToFileURL(join(root, 'src', path)).href;
  const { loadSettings } = (await import(from('config/load-settings.ts'))) as {
    loadSettings: typeof LoadSettings;
  };
  const { openKnowledgeBase } = (await import(from('knowledge/open-knowledge-base.ts'))) as {
    openKnowledgeBase: typeof OpenKnowledgeBase;
  };
  const knowledgeBase = await openKnowledgeBase(loadSettings(benchServerEnvironment(home)));
  const queries = buildQueryMix(await benchPassagePool()).map((query) => query.text);
  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  const topIds: string[] = [];
  let counter = 0;
  try {
    for (const query of queries) await knowledgeBase.search({ query, limit });
    for (let pass = 0; pass < passes; pass++) {
      for (const query of queries) {
        const text = distinctQuery(query, ++counter);
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const results = await knowledgeBase.search({ query: text, limit });
        wallMs.push(performance.now() - started);
        const cpu = process.cpuUsage(cpuBefore);
        cpuMs.push((cpu.user + cpu.system) / 1000);
        if (pass === 0) topIds.push(results.map((result) => result.chunkId).join(','));
      }
    }
  } finally {
    await knowledgeBase.close();
  }
  return { cpuMs, wallMs, topIds };
}

await main();
