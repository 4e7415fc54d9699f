/**
 * MCP `search_knowledge` round trips with the official client SDK, one call at a time,
 * against a store of synthetic chunks: over stdio (the server in a child process, as
 * agents start `archon mcp`), over streamable HTTP (stateless, a fresh server per
 * request, on 127.0.0.1), over an in-memory pair (protocol cost without a transport),
 * next to a direct `KnowledgeBase.search` of the same query and limit. The gap between
 * the direct row and an MCP row is what the MCP layer costs.
 *
 *   node --import tsx bench/mcp-roundtrip.ts [--chunks 10000,100000] [--rounds 5] [--write-results]
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

import { loadSettings } from '../src/config/load-settings.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { openKnowledgeBase } from '../src/knowledge/open-knowledge-base.js';
import {
  createMcpHttpHandler,
  createMcpServer,
  openMcpDependencies,
  runStdioServer,
} from '../src/mcp/index.js';
import { benchPassagePool, noBaseline } from './lib/bench-passages.js';
import { createBenchHome } from './lib/bench-settings.js';
import { parsePositiveInteger, parsePositiveIntegerList } from './lib/cli-options.js';
import { formatNumber, formatTable } from './lib/format-table.js';
import { formatLoadAverage } from './lib/load-average.js';
import { formatMachineInfo, machineInfo } from './lib/machine-info.js';
import type { Passage } from './lib/passage-pool.js';
import { mean, percentiles } from './lib/percentiles.js';
import { buildQueryMix } from './lib/query-mix.js';
import { writeResultsSection } from './lib/results-file.js';
import { buildSearchStore } from './lib/search-store-builder.js';
import { SyntheticChunkSource } from './lib/synthetic-chunks.js';

const script = fileURLToPath(import.meta.url);
/** Results per call, the MCP tool's default. */
const limit = 5;
const warmUpCalls = 20;

interface PathResult {
  readonly path: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly perSecond: number;
  readonly calls: number;
  /** Mean characters of the text an agent receives per call. */
  readonly answerCharacters: number;
}

interface SizeResult {
  readonly chunks: number;
  readonly buildSeconds: number;
  readonly vectorIndex: string;
  readonly paths: PathResult[];
}

/** Child mode: serve the home over stdio until the parent closes stdin. */
async function serveStdio(home: string): Promise<void> {
  const settings = { ...benchSettings(home), knowledgePack: false };
  const opened = await openMcpDependencies(settings);
  const session = await runStdioServer(createMcpServer(opened.dependencies));
  await session.closed;
  await opened.close();
  process.exit(0);
}

function benchSettings(home: string) {
  return { ...loadSettings({ ARCHON_HOME: home, ARCHON_EMBEDDING: 'hash' }), knowledgePack: false };
}

async function measure(
  path: string,
  queries: readonly string[],
  calls: number,
  search: (query: string) => Promise<string>,
): Promise<PathResult> {
  for (let index = 0; index < warmUpCalls; index++) await search(queries[index % queries.length]!);
  const latencies: number[] = [];
  let characters = 0;
  const started = performance.now();
  for (let index = 0; index < calls; index++) {
    const before = performance.now();
    characters += (await search(queries[index % queries.length]!)).length;
    latencies.push(performance.now() - before);
  }
  const seconds = (performance.now() - started) / 1000;
  const [p50, p95, p99] = percentiles(latencies, [50, 95, 99]);
  console.error(`mcp: ${path}: p50 ${p50!.toFixed(2)} ms over ${calls} calls`);
  return {
    path,
    p50: p50!,
    p95: p95!,
    p99: p99!,
    mean: mean(latencies),
    perSecond: calls / seconds,
    calls,
    answerCharacters: characters / calls,
  };
}

function searchThrough(client: Client): (query: string) => Promise<string> {
  return async (query) => {
    const result = await client.callTool({
      name: 'search_knowledge',
      arguments: { query, limit },
    });
    const content = result.content as { text?: string }[];
    if (result.isError === true) throw new Error(`search_knowledge failed: ${content[0]?.text}`);
    return content[0]?.text ?? '';
  };
}

async function runSize(
  chunks: number,
  pool: readonly Passage[],
  rounds: number,
): Promise<SizeResult> {
  const home = createBenchHome(`mcp-${chunks}`);
  writeFileSync(join(home.home, 'config.json'), JSON.stringify({ knowledgePack: false }));
  const builder = await openKnowledgeBase(home.settings);
  const started = performance.now();
  await buildSearchStore(builder, noBaseline, new SyntheticChunkSource(pool, chunks), chunks);
  const store = builder.store as typeof builder.store & {
    prepareVectorIndex?: () => Promise<string>;
  };
  const vectorIndex = (await store.prepareVectorIndex?.()) ?? 'exact';
  const buildSeconds = (performance.now() - started) / 1000;
  await builder.close();
  console.error(`mcp: ${chunks} chunks built in ${buildSeconds.toFixed(1)} s (${vectorIndex})`);

  const queries = buildQueryMix(pool).map((query) => query.text);
  const calls = rounds * queries.length;
  const paths: PathResult[] = [];
  const opened = await openMcpDependencies(benchSettings(home.home));
  const knowledgeBase = opened.dependencies.knowledgeBase as KnowledgeBase;
  try {
    paths.push(
      await measure('direct KnowledgeBase.search (no MCP)', queries, calls, async (query) =>
        JSON.stringify(await knowledgeBase.search({ query, limit })),
      ),
    );

    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(opened.dependencies).connect(serverSide);
    const memoryClient = new Client({ name: 'bench', version: '1' });
    await memoryClient.connect(clientSide);
    paths.push(
      await measure('MCP in memory (protocol only)', queries, calls, searchThrough(memoryClient)),
    );
    await memoryClient.close();

    const handler = createMcpHttpHandler({
      host: '127.0.0.1',
      dependencies: opened.dependencies,
      requireAuth: false,
    });
    const server = createServer((request, response) => void handler.node(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const httpClient = new Client({ name: 'bench', version: '1' });
    await httpClient.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)),
    );
    paths.push(
      await measure(
        'MCP streamable HTTP (stateless, same process)',
        queries,
        calls,
        searchThrough(httpClient),
      ),
    );
    await httpClient.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    await opened.close();
  }

  const stdioClient = new Client({ name: 'bench', version: '1' });
  await stdioClient.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...process.execArgv, script, '--serve-stdio', home.home],
      env: getDefaultEnvironment(),
    }),
  );
  paths.push(
    await measure(
      'MCP stdio (server in a child process)',
      queries,
      calls,
      searchThrough(stdioClient),
    ),
  );
  await stdioClient.close();
  home.remove();
  return { chunks, buildSeconds, vectorIndex, paths };
}

function report(
  results: readonly SizeResult[],
  command: string,
  machine: string,
  load: string,
): string {
  const rows = results.flatMap((result) => {
    const direct = result.paths[0]!;
    return result.paths.map((path) => [
      result.chunks,
      path.path,
      path.p50,
      path.p95,
      path.p99,
      path.mean,
      path.perSecond,
      path === direct ? '' : formatNumber(path.p50 - direct.p50),
      Math.round(path.answerCharacters),
      path.calls,
    ]);
  });
  const table = formatTable(
    [
      'chunks',
      'path',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'mean ms',
      'calls/s',
      'MCP cost p50 ms',
      'answer chars',
      'calls',
    ],
    rows,
  );
  const builds = results
    .map(
      (result) =>
        `${formatNumber(result.chunks)} chunks: built in ${result.buildSeconds.toFixed(1)} s, vector search ${result.vectorIndex}`,
    )
    .join('; ');
  return [
    '## MCP `search_knowledge` round trips',
    '',
    `Command: \`${command}\``,
    '',
    machine,
    `- Load average (1/5/15 min): ${load}`,
    '',
    `One call at a time after ${warmUpCalls} warm-up calls; hybrid search, limit ${limit}, the search`,
    'benchmark\'s query mix (headings, identifiers, frequent terms). "MCP cost" is the p50 above the',
    "direct call of the same query. HTTP runs client and server in one process (both sides' CPU",
    'counts); stdio runs the server in a child process started as agents start `archon mcp`.',
    'The rows run one after another on a machine shared with other jobs: p50 differences of a',
    'few milliseconds between rows are within run-to-run noise (see the load average).',
    `Stores: ${builds}.`,
    '',
    table,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'serve-stdio': { type: 'string' },
      chunks: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '5' },
      'write-results': { type: 'boolean', default: false },
    },
  });
  if (values['serve-stdio'] !== undefined) return serveStdio(values['serve-stdio']);
  const sizes = parsePositiveIntegerList(values.chunks, 'chunks');
  const rounds = parsePositiveInteger(values.rounds, 'rounds');
  const machine = formatMachineInfo(machineInfo());
  const loadBefore = formatLoadAverage();
  const pool = await benchPassagePool();
  const results: SizeResult[] = [];
  for (const chunks of sizes) results.push(await runSize(chunks, pool, rounds));
  const command =
    `node --import tsx bench/mcp-roundtrip.ts ${process.argv.slice(2).join(' ')}`.trim();
  const text = report(
    results,
    command,
    machine,
    `${loadBefore} before, ${formatLoadAverage()} after`,
  );
  console.log(text);
  if (values['write-results']) writeResultsSection('mcp-roundtrip', text);
}

await main();
