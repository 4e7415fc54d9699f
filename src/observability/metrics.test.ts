import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { createMetrics, metricNames } from './metrics.js';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

interface Exposition {
  readonly types: Map<string, string>;
  readonly helps: Map<string, string>;
  readonly samples: Sample[];
}

/** A strict reader of the Prometheus text format: any line it cannot read fails the test. */
function parseExposition(body: string): Exposition {
  const types = new Map<string, string>();
  const helps = new Map<string, string>();
  const samples: Sample[] = [];
  const samplePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
  const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const line of body.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      (meta[1] === 'TYPE' ? types : helps).set(meta[2] ?? '', meta[3] ?? '');
      continue;
    }
    const match = samplePattern.exec(line);
    if (!match) throw new Error(`unreadable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(labelPattern)) {
      labels[label[1] ?? ''] = label[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return { types, helps, samples };
}

function valueOf(
  exposition: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return exposition.samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value) &&
      Object.keys(sample.labels).length === Object.keys(labels).length,
  )?.value;
}

async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<Exposition> {
  return parseExposition((await metrics.render()).body);
}

function expectInvalidInput(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(ArchonError.isInstance(error) && error.code === ErrorCode.InvalidInput).toBe(true);
    return;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('createMetrics', () => {
  it('exposes every Archon metric with help and type, named by Prometheus conventions', async () => {
    const metrics = createMetrics();
    const rendered = await metrics.render();
    expect(rendered.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const exposition = parseExposition(rendered.body);
    for (const name of Object.values(metricNames)) {
      const type = exposition.types.get(name);
      expect(type, name).toBeDefined();
      expect(exposition.helps.get(name), name).toMatch(/\S/);
      expect(name).toMatch(/^archon_[a-z0-9_]+$/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
      else expect(name).not.toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
    }
  });

  it('includes the Node process metrics unless asked not to', async () => {
    const withProcess = await scrape(createMetrics());
    expect(withProcess.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(withProcess.types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    const without = await scrape(createMetrics({ processMetrics: false }));
    expect([...without.types.keys()].some((name) => name.startsWith('process_'))).toBe(false);
  });

  it('keeps each registry private: two instances count apart, the global registry stays empty', async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    first.observeSearch({ mode: 'hybrid', durationSeconds: 0.002 });
    expect(valueOf(await scrape(first), metricNames.searchRequests, { mode: 'hybrid' })).toBe(1);
    expect(
      valueOf(await scrape(second), metricNames.searchRequests, { mode: 'hybrid' }),
    ).toBeUndefined();
    expect(await globalRegistry.metrics()).not.toContain('archon_');
  });

  it('counts HTTP requests by route, method and status and fills the latency histogram', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeHttpRequest({
      route: '/v1/search',
      method: 'post',
      status: 200,
      durationSeconds: 0.004,
    });
    metrics.observeHttpRequest({
      route: '/v1/search',
      method: 'POST',
      status: 200,
      durationSeconds: 0.2,
    });
    metrics.observeHttpRequest({
      route: '/v1/search',
      method: 'POST',
      status: 422,
      durationSeconds: 0.001,
    });
    metrics.observeHttpRequest({
      route: '(unmatched)',
      method: 'BREW',
      status: 404,
      durationSeconds: 0,
    });
    const exposition = await scrape(metrics);
    const requests = metricNames.httpRequests;
    expect(
      valueOf(exposition, requests, { route: '/v1/search', method: 'POST', status: '200' }),
    ).toBe(2);
    expect(
      valueOf(exposition, requests, { route: '/v1/search', method: 'POST', status: '422' }),
    ).toBe(1);
    expect(
      valueOf(exposition, requests, { route: '(unmatched)', method: 'OTHER', status: '404' }),
    ).toBe(1);
    const duration = metricNames.httpRequestDuration;
    const labels = { route: '/v1/search', method: 'POST' };
    expect(valueOf(exposition, `${duration}_count`, labels)).toBe(3);
    expect(valueOf(exposition, `${duration}_sum`, labels)).toBeCloseTo(0.205, 9);
    expect(valueOf(exposition, `${duration}_bucket`, { ...labels, le: '0.001' })).toBe(1);
    expect(valueOf(exposition, `${duration}_bucket`, { ...labels, le: '0.005' })).toBe(2);
    expect(valueOf(exposition, `${duration}_bucket`, { ...labels, le: '+Inf' })).toBe(3);
  });

  it('records searches, ingests, model usage and cache lookups', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeSearch({ mode: 'lexical', durationSeconds: 0.0004 });
    metrics.observeIngest({ documents: 12, chunks: 340, durationSeconds: 2.5 });
    metrics.observeIngest({ documents: 1, chunks: 3, durationSeconds: 0.02 });
    metrics.recordModelUsage({
      model: 'openai:gpt-4.1',
      inputTokens: 1200,
      outputTokens: 80,
      costUsd: 0.0031,
    });
    metrics.recordModelUsage({ model: 'openai:gpt-4.1', inputTokens: 10, outputTokens: 5 });
    metrics.recordCacheLookup('embeddings', true);
    metrics.recordCacheLookup('embeddings', true);
    metrics.recordCacheLookup('embeddings', false);
    const exposition = await scrape(metrics);
    expect(
      valueOf(exposition, `${metricNames.searchDuration}_bucket`, {
        mode: 'lexical',
        le: '0.0005',
      }),
    ).toBe(1);
    expect(valueOf(exposition, metricNames.ingestDocuments)).toBe(13);
    expect(valueOf(exposition, metricNames.ingestChunks)).toBe(343);
    expect(valueOf(exposition, `${metricNames.ingestDuration}_count`)).toBe(2);
    const model = 'openai:gpt-4.1';
    expect(valueOf(exposition, metricNames.modelTokens, { model, direction: 'input' })).toBe(1210);
    expect(valueOf(exposition, metricNames.modelTokens, { model, direction: 'output' })).toBe(85);
    expect(valueOf(exposition, metricNames.modelCost, { model })).toBeCloseTo(0.0031, 9);
    expect(valueOf(exposition, metricNames.cacheHits, { cache: 'embeddings' })).toBe(2);
    expect(valueOf(exposition, metricNames.cacheMisses, { cache: 'embeddings' })).toBe(1);
  });

  it('tracks active runs, ending each run once however often its end is called', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const endFirst = metrics.trackRun();
    const endSecond = metrics.trackRun();
    expect(valueOf(await scrape(metrics), metricNames.activeRuns)).toBe(2);
    endFirst();
    endFirst();
    expect(valueOf(await scrape(metrics), metricNames.activeRuns)).toBe(1);
    endSecond();
    expect(valueOf(await scrape(metrics), metricNames.activeRuns)).toBe(0);
  });

  it('reads job counts from the source at each scrape, every state present', async () => {
    let counts: Record<string, number> = { running: 2, queued: 5 };
    const metrics = createMetrics({ processMetrics: false, jobCounts: async () => counts });
    let exposition = await scrape(metrics);
    expect(valueOf(exposition, metricNames.jobs, { state: 'running' })).toBe(2);
    expect(valueOf(exposition, metricNames.jobs, { state: 'queued' })).toBe(5);
    expect(valueOf(exposition, metricNames.jobs, { state: 'failed' })).toBe(0);
    counts = { succeeded: 9 };
    exposition = await scrape(metrics);
    expect(valueOf(exposition, metricNames.jobs, { state: 'running' })).toBe(0);
    expect(valueOf(exposition, metricNames.jobs, { state: 'succeeded' })).toBe(9);
  });

  it('keeps serving metrics when the job source fails, and counts the failure', async () => {
    const metrics = createMetrics({ processMetrics: false });
    expect(valueOf(await scrape(metrics), metricNames.jobs, { state: 'running' })).toBeUndefined();
    metrics.setJobCountsSource(() => ({ running: 1 }));
    expect(valueOf(await scrape(metrics), metricNames.jobs, { state: 'running' })).toBe(1);
    metrics.setJobCountsSource(() => Promise.reject(new Error('database is closed')));
    const exposition = await scrape(metrics);
    expect(
      valueOf(exposition, metricNames.metricCollectionErrors, { metric: metricNames.jobs }),
    ).toBe(1);
    expect(valueOf(exposition, metricNames.jobs, { state: 'running' })).toBe(1);
  });

  it('refuses negative, non-finite and malformed samples with INVALID_INPUT', () => {
    const metrics = createMetrics({ processMetrics: false });
    const request = { route: '/health', method: 'GET', status: 200, durationSeconds: 0.001 };
    expectInvalidInput(() => metrics.observeHttpRequest({ ...request, durationSeconds: -1 }));
    expectInvalidInput(() =>
      metrics.observeHttpRequest({ ...request, durationSeconds: Number.NaN }),
    );
    expectInvalidInput(() => metrics.observeHttpRequest({ ...request, status: 42 }));
    expectInvalidInput(() => metrics.observeHttpRequest({ ...request, status: 200.5 }));
    expectInvalidInput(() => metrics.observeHttpRequest({ ...request, route: '' }));
    expectInvalidInput(() => metrics.observeSearch({ mode: 'x'.repeat(201), durationSeconds: 0 }));
    expectInvalidInput(() =>
      metrics.observeIngest({ documents: -1, chunks: 0, durationSeconds: 0 }),
    );
    expectInvalidInput(() =>
      metrics.recordModelUsage({ model: 'm', inputTokens: 1, outputTokens: Infinity }),
    );
    expectInvalidInput(() =>
      metrics.recordModelUsage({ model: 'm', inputTokens: 1, outputTokens: 1, costUsd: -0.5 }),
    );
    expectInvalidInput(() => metrics.recordCacheLookup('', true));
  });
});
