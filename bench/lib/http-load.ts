/**
 * One row of the HTTP benchmark: autocannon against a server in another process for
 * a fixed time, with each request's body from `nextBody` (so bodies vary), and what
 * it cost: the server's CPU time per request, its resident memory, the load
 * generator's own CPU, and the machine's load average around the run.
 */
import { loadavg } from 'node:os';

import autocannon from 'autocannon';

import type { ServerProcess } from './server-process.js';

/** What one load run measured. */
export interface LoadRow {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p975: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly serverCpuMillisecondsPerRequest: number;
  readonly loadGeneratorCpuSeconds: number;
  readonly serverRssBytes: number;
  readonly loadAverage: string;
  /** Share of search-cache lookups that hit, read from the server's metrics (search rows). */
  readonly cacheHitRatio?: number;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly name: string;
  readonly server: ServerProcess;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The next request body (POST); called once per request. */
  readonly nextBody?: () => string;
  readonly connections: number;
  readonly durationSeconds: number;
}

/** Runs autocannon with `options` and returns its row. */
export async function runLoad(options: LoadOptions): Promise<LoadRow> {
  const { server, nextBody } = options;
  const loadBefore = loadavg()[0]!;
  const serverCpuBefore = server.cpuSeconds();
  const ownCpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: options.method,
        path: options.path,
        headers: { 'content-type': 'application/json' },
        ...(nextBody ? { setupRequest: (request) => ({ ...request, body: nextBody() }) } : {}),
      },
    ],
  });
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const requests = result['2xx'] + result.non2xx;
  const serverCpuSeconds = server.cpuSeconds() - serverCpuBefore;
  return {
    name: options.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    requests,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCpuMillisecondsPerRequest: requests > 0 ? (serverCpuSeconds * 1000) / requests : 0,
    loadGeneratorCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6,
    serverRssBytes: server.rssBytes(),
    loadAverage: `${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
  };
}
