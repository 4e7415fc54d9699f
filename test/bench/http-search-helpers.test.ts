/**
 * The HTTP search benchmark's helpers, whose mistakes would skew its verdict: the
 * target check at its edges, the report's marks, and one real load run against the
 * bare baseline server in a child process (counts, CPU and memory readings).
 */
import { describe, expect, it } from 'vitest';

import { type LoadRow, runLoad } from '../../bench/lib/http-load.js';
import { httpSearchReport, meetsTarget } from '../../bench/lib/http-search-report.js';
import { startServerProcess } from '../../bench/lib/server-process.js';

const row = (overrides: Partial<LoadRow>): LoadRow => ({
  name: 'POST /v1/search, cache warm',
  requestsPerSecond: 2_000,
  p50: 1,
  p975: 10,
  p99: 49,
  requests: 20_000,
  errors: 0,
  non2xx: 0,
  serverCpuMillisecondsPerRequest: 0.2,
  loadGeneratorCpuSeconds: 1,
  serverRssBytes: 100 * 1024 * 1024,
  loadAverage: '0.50 → 0.60',
  ...overrides,
});

describe('HTTP search benchmark helpers', () => {
  it('meets the target only at >= 2,000 req/s with p99 under 50 ms', () => {
    expect(meetsTarget(row({}))).toBe(true);
    expect(meetsTarget(row({ requestsPerSecond: 1_999.9 }))).toBe(false);
    expect(meetsTarget(row({ p99: 50 }))).toBe(false);
  });

  it('marks each search row and states which do not meet the target', () => {
    const text = httpSearchReport({
      rows: [
        row({ name: 'baseline: bare node:http' }),
        row({}),
        row({ name: 'POST /v1/search, cache cold', requestsPerSecond: 250, p99: 130 }),
      ],
      store: { home: '/x', chunks: 100_000, vectorIndex: 'hnsw', buildSeconds: 1, built: false },
      command: 'bench',
      machine: '- CPU: test',
      loadAverages: '0 / 0 / 0',
      connections: 16,
      durationSeconds: 10,
      answerBytes: 8_000,
    });
    expect(text).toMatch(/cache warm.*\| met +\|/);
    expect(text).toMatch(/cache cold.*\| NOT met \|/);
    expect(text).toContain('cache cold: 250 req/s, p99 130 ms');
    expect(text).toContain('**not met**');
  });

  it('runs autocannon against a server process and reads its CPU and memory', async () => {
    const server = await startServerProcess('bare', { args: ['--bytes', '200'] });
    try {
      let bodies = 0;
      const measured = await runLoad({
        name: 'bare',
        server,
        method: 'POST',
        path: '/',
        nextBody: () => JSON.stringify({ query: `q${bodies++}` }),
        connections: 2,
        durationSeconds: 1,
      });
      expect(measured.requests).toBeGreaterThan(0);
      expect(bodies).toBeGreaterThanOrEqual(measured.requests);
      expect([measured.errors, measured.non2xx]).toEqual([0, 0]);
      expect(measured.serverRssBytes).toBeGreaterThan(1024 * 1024);
      expect(measured.serverCpuMillisecondsPerRequest).toBeGreaterThanOrEqual(0);
    } finally {
      await server.stop();
    }
  });
});
