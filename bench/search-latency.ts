/**
 * Search latency of the knowledge base at 10k, 100k (and, with `--sizes`, 1M)
 * chunks: hybrid, lexical-only and vector-only through `KnowledgeBase.search`,
 * side by side with a plain FTS5 `MATCH ... ORDER BY rank LIMIT 10` over the same
 * chunk texts. Stores are built from spliced real passages through the store's
 * `writeDocument`; each size runs in its own process so its RSS is its own.
 *
 *   node --import tsx bench/search-latency.ts [--sizes 10000,100000,1000000] [--rounds 3]
 *     [--write-results [--section search-latency]]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { benchDataDirectory } from './corpus/corpus-locations.js';
import { prepareCorpora } from './corpus/prepare-corpora.js';
import { parsePositiveInteger, parsePositiveIntegerList } from './lib/cli-options.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { loadPassagePool, passageRoots } from './lib/passage-pool.js';
import { buildQueryMix } from './lib/query-mix.js';
import { writeResultsSection } from './lib/results-file.js';
import { searchReport } from './lib/search-report.js';
import { resultLimit, type SizeResult, sizeWorker } from './lib/search-worker.js';
import { type ServingMemory, servingMemoryWorker } from './lib/serving-memory.js';
import { printWorkerResult, runWorker } from './lib/worker-process.js';

const script = fileURLToPath(import.meta.url);
const poolCachePath = join(benchDataDirectory, 'passage-pool.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      chunks: { type: 'string' },
      home: { type: 'string' },
      queries: { type: 'string' },
      sizes: { type: 'string', default: '10000,100000' },
      rounds: { type: 'string', default: '3' },
      'write-results': { type: 'boolean', default: false },
      command: { type: 'string' },
      section: { type: 'string', default: 'search-latency' },
    },
  });
  const rounds = parsePositiveInteger(values.rounds, 'rounds');
  if (values.worker === 'size') {
    const chunks = parsePositiveInteger(values.chunks ?? '', 'chunks');
    const servingProbe = (home: string, queriesFile: string): Promise<ServingMemory> =>
      runWorker<ServingMemory>(script, 'serving', [
        '--home',
        home,
        '--queries',
        queriesFile,
        '--rounds',
        String(rounds),
      ]);
    printWorkerResult(await sizeWorker(chunks, rounds, poolCachePath, servingProbe));
    return;
  }
  if (values.worker === 'serving') {
    printWorkerResult(
      await servingMemoryWorker(values.home ?? '', values.queries ?? '', rounds, resultLimit),
    );
    return;
  }
  const sizes = parsePositiveIntegerList(values.sizes, 'sizes');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const corpora = prepareCorpora();
  const pool = await loadPassagePool(
    passageRoots(join(corpora.markdown.root, 'copy-01'), corpora.mixed.root),
    poolCachePath,
  );
  const results: SizeResult[] = [];
  for (const size of sizes) {
    console.error(`search: building and querying ${size.toLocaleString('en-US')} chunks`);
    const started = performance.now();
    const result = await runWorker<SizeResult>(
      script,
      'size',
      ['--chunks', String(size), '--rounds', String(rounds)],
      { timeoutMs: 3 * 60 * 60_000 },
    );
    result.wallSeconds = (performance.now() - started) / 1000;
    results.push(result);
    console.error(`search: ${size} chunks done in ${result.wallSeconds.toFixed(0)} s`);
  }
  const command =
    values.command ??
    `node --import tsx bench/search-latency.ts ${process.argv.slice(2).join(' ')}`;
  const loadAverages = `${loadBefore} before, ${formatLoadAverage()} after`;
  const text = searchReport(results, command.trim(), machine, loadAverages, buildQueryMix(pool));
  console.log(text);
  if (values['write-results']) writeResultsSection(values.section, text);
}

await main();
