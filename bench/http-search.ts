/**
 * `POST /v1/search` under load: autocannon on loopback against the real `archon serve`
 * in a child process (its own CPU and memory; the load generator never shares its
 * event loop), over a store of `--chunks` synthetic chunks (100,000 by default, built
 * once under bench/.data). Rows, side by side in one run:
 *
 * - baseline: a bare `node:http` server answering a fixed JSON body of the same size
 *   as a search answer (the HTTP ceiling of this machine with this load generator);
 * - `GET /health` through Archon's whole middleware stack (no search);
 * - search, cache warm: a rotating set of real queries, all in the cache;
 * - search, cache cold: every request a distinct query (a real query plus a counter in
 *   punctuation, which changes the cache key but not the terms or the vector: see
 *   lib/distinct-query.ts), so every request searches the store and fills the cache.
 *
 *   node --import tsx bench/http-search.ts [--chunks 100000] [--duration 10]
 *     [--connections 16] [--write-results]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { benchPassagePool } from './lib/bench-passages.js';
import { parsePositiveInteger } from './lib/cli-options.js';
import { distinctQuery } from './lib/distinct-query.js';
import { type LoadRow, runLoad } from './lib/http-load.js';
import { httpSearchReport } from './lib/http-search-report.js';
import { benchServerEnvironment, ensureHttpSearchStore } from './lib/http-search-store.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import { buildQueryMix } from './lib/query-mix.js';
import { writeResultsSection } from './lib/results-file.js';
import { startServerProcess } from './lib/server-process.js';

/** Results per search, the default of the API. */
const limit = 8;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      'write-results': { type: 'boolean', default: false },
      command: { type: 'string' },
      section: { type: 'string', default: 'http-search' },
    },
  });
  const chunks = parsePositiveInteger(values.chunks, 'chunks');
  const durationSeconds = parsePositiveInteger(values.duration, 'duration');
  const connections = parsePositiveInteger(values.connections, 'connections');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const pool = await benchPassagePool();
  console.error(`http: store of ${chunks.toLocaleString('en-US')} chunks`);
  const store = await ensureHttpSearchStore(chunks, pool);
  const queries = buildQueryMix(pool).map((query) => query.text);
  const searchBody = (query: string) => JSON.stringify({ query, limit });
  const common = { connections, durationSeconds };
  const rows: LoadRow[] = [];

  const archon = await startServerProcess('archon', {
    environment: { ...benchServerEnvironment(store.home), ARCHON_LOG_LEVEL: 'info' },
  });
  let answerBytes = 0;
  try {
    // Warm-up: JIT, the HNSW index in memory, and every query of the warm set cached once.
    for (const query of queries) {
      const response = await fetch(`${archon.url}/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: searchBody(query),
      });
      answerBytes += (await response.arrayBuffer()).byteLength;
    }
    answerBytes = Math.round(answerBytes / queries.length);
    const measure = async (
      name: string,
      method: 'GET' | 'POST',
      path: string,
      next?: () => string,
    ) => {
      const cacheBefore = await cacheCounts(archon.url);
      const row = await runLoad({
        name,
        server: archon,
        method,
        path,
        ...(next ? { nextBody: next } : {}),
        ...common,
      });
      const cacheAfter = await cacheCounts(archon.url);
      const hits = cacheAfter.hits - cacheBefore.hits;
      const misses = cacheAfter.misses - cacheBefore.misses;
      const withRatio = {
        ...row,
        cacheHitRatio: hits + misses > 0 ? hits / (hits + misses) : undefined,
      };
      console.error(`http: ${name}: ${row.requestsPerSecond.toFixed(0)} req/s, p99 ${row.p99} ms`);
      rows.push(withRatio);
    };
    await measure('archon GET /health (middleware only, no search)', 'GET', '/health');
    let warm = 0;
    await measure('POST /v1/search, cache warm (100 queries rotating)', 'POST', '/v1/search', () =>
      searchBody(queries[warm++ % queries.length]!),
    );
    let cold = 0;
    await measure(
      'POST /v1/search, cache cold (every query distinct)',
      'POST',
      '/v1/search',
      () => {
        cold += 1;
        return searchBody(distinctQuery(queries[cold % queries.length]!, cold));
      },
    );
  } finally {
    await archon.stop();
  }

  const bare = await startServerProcess('bare', { args: ['--bytes', String(answerBytes)] });
  try {
    const row = await runLoad({
      name: `baseline: bare node:http, fixed ${answerBytes}-byte JSON`,
      server: bare,
      method: 'POST',
      path: '/v1/search',
      nextBody: () => searchBody(queries[0]!),
      ...common,
    });
    console.error(`http: baseline: ${row.requestsPerSecond.toFixed(0)} req/s`);
    rows.unshift(row);
  } finally {
    await bare.stop();
  }

  const command =
    values.command ?? `node --import tsx bench/http-search.ts ${process.argv.slice(2).join(' ')}`;
  const text = httpSearchReport({
    rows,
    store,
    command: command.trim(),
    machine,
    loadAverages: `${loadBefore} before, ${formatLoadAverage()} after (1-minute now ${loadavg()[0]!.toFixed(2)})`,
    connections,
    durationSeconds,
    answerBytes,
  });
  console.log(text);
  if (values['write-results']) writeResultsSection(values.section, text);
}

/** Search-cache hits and misses so far, from the server's own `/metrics`. */
async function cacheCounts(url: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name}\\{cache="search"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hits: read('archon_cache_hits_total'), misses: read('archon_cache_misses_total') };
}

await main();
