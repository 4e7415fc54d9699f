/**
 * The Prometheus metrics of one Archon process, on a registry of its own (never
 * prom-client's global one, so tests and several servers in one process do not
 * collide). Callers record through small typed methods that check their input and
 * keep label values bounded; `render()` gives what `GET /metrics` returns.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { JobState } from '../core/job-types.js';
import { metricNames } from './metric-names.js';

export { metricNames } from './metric-names.js';

/** Counts of jobs by state; missing states count as zero. */
export type JobCounts = Partial<Record<JobState, number>>;

/** Where the `jobs` gauge reads its values at each scrape (for example from the store). */
export type JobCountsSource = () => JobCounts | Promise<JobCounts>;

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Collect Node process metrics (CPU, memory, event loop, GC). Default true. */
  readonly processMetrics?: boolean;
  /** Feeds the `jobs{state}` gauge; can also be set later with `setJobCountsSource`. */
  readonly jobCounts?: JobCountsSource;
}

/** One finished HTTP request. `route` is the route pattern (`/v1/runs/:id`), never the raw path. */
export interface HttpRequestSample {
  readonly route: string;
  readonly method: string;
  readonly status: number;
  readonly durationSeconds: number;
}

/** Tokens and cost of model calls. */
export interface ModelUsageSample {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd?: number;
}

/** The metrics of one process. */
export interface ArchonMetrics {
  /** The registry the metrics live in, for anything these methods do not cover. */
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpRequestDuration: Histogram<'route' | 'method'>;
  readonly activeRuns: Gauge;
  readonly jobs: Gauge<'state'>;
  readonly ingestDocuments: Counter;
  readonly ingestChunks: Counter;
  readonly ingestDuration: Histogram;
  readonly searchRequests: Counter<'mode'>;
  readonly searchDuration: Histogram<'mode'>;
  readonly modelTokens: Counter<'model' | 'direction'>;
  readonly modelCost: Counter<'model'>;
  readonly cacheHits: Counter<'cache'>;
  readonly cacheMisses: Counter<'cache'>;

  /** Counts a finished HTTP request and observes its duration. */
  observeHttpRequest(sample: HttpRequestSample): void;
  /** Counts one search (`mode`: `hybrid`, `lexical`, `vector`) and observes its duration. */
  observeSearch(sample: { readonly mode: string; readonly durationSeconds: number }): void;
  /** Adds one finished ingest: documents and chunks written, and how long it took. */
  observeIngest(sample: {
    readonly documents: number;
    readonly chunks: number;
    readonly durationSeconds: number;
  }): void;
  /** Adds the tokens (by direction) and the cost of model calls. */
  recordModelUsage(sample: ModelUsageSample): void;
  /** Counts one lookup in the named cache as a hit or a miss. */
  recordCacheLookup(cache: string, hit: boolean): void;
  /** Marks an agent run as started; call the returned function once when it ends. */
  trackRun(): () => void;
  /** Sets (or clears) where the `jobs` gauge reads its values. */
  setJobCountsSource(source: JobCountsSource | undefined): void;
  /** The exposition text and its content type, for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}

const jobStates: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Loopback search is sub-millisecond; agent-facing requests can take seconds. */
const requestBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const searchBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const ingestBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

function checkAmount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${what} must be a finite number >= 0, got ${value}`,
    );
  }
}

function checkLabel(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${what} must be a non-empty label of at most 200 characters`,
    );
  }
}

/** Creates the metrics of one process on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): ArchonMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let jobCountsSource = options.jobCounts;

  const httpRequests = new Counter({
    name: metricNames.httpRequests,
    help: 'HTTP requests answered, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: metricNames.httpRequestDuration,
    help: 'Time to answer an HTTP request, by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: requestBuckets,
    registers,
  });
  const activeRuns = new Gauge({
    name: metricNames.activeRuns,
    help: 'Agent runs in progress.',
    registers,
  });
  const jobs = new Gauge({
    name: metricNames.jobs,
    help: 'Durable jobs in the store, by state.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      jobsCollection = collectJobCounts(this);
      return jobsCollection;
    },
  });
  // Registered after `jobs`: prom-client starts every metric's collection at once, in
  // registration order, so this counter can wait for the job counts it reports on.
  const collectionErrors = new Counter({
    name: metricNames.metricCollectionErrors,
    help: 'Scrapes in which a metric could not read its source.',
    labelNames: ['metric'] as const,
    registers,
    collect: () => jobsCollection,
  });
  let jobsCollection: Promise<void> = Promise.resolve();
  async function collectJobCounts(gauge: Gauge<'state'>): Promise<void> {
    if (jobCountsSource === undefined) return;
    try {
      const counts = await jobCountsSource();
      for (const state of jobStates) gauge.set({ state }, counts[state] ?? 0);
    } catch {
      collectionErrors.inc({ metric: metricNames.jobs });
    }
  }
  const ingestDocuments = new Counter({
    name: metricNames.ingestDocuments,
    help: 'Documents written by ingest.',
    registers,
  });
  const ingestChunks = new Counter({
    name: metricNames.ingestChunks,
    help: 'Chunks written by ingest.',
    registers,
  });
  const ingestDuration = new Histogram({
    name: metricNames.ingestDuration,
    help: 'Duration of an ingest job.',
    buckets: ingestBuckets,
    registers,
  });
  const searchRequests = new Counter({
    name: metricNames.searchRequests,
    help: 'Knowledge searches, by mode.',
    labelNames: ['mode'] as const,
    registers,
  });
  const searchDuration = new Histogram({
    name: metricNames.searchDuration,
    help: 'Duration of a knowledge search, by mode.',
    labelNames: ['mode'] as const,
    buckets: searchBuckets,
    registers,
  });
  const modelTokens = new Counter({
    name: metricNames.modelTokens,
    help: 'Model tokens, by model and direction (input or output).',
    labelNames: ['model', 'direction'] as const,
    registers,
  });
  const modelCost = new Counter({
    name: metricNames.modelCost,
    help: 'Estimated model cost in US dollars, by model.',
    labelNames: ['model'] as const,
    registers,
  });
  const cacheHits = new Counter({
    name: metricNames.cacheHits,
    help: 'Cache lookups that found a value, by cache.',
    labelNames: ['cache'] as const,
    registers,
  });
  const cacheMisses = new Counter({
    name: metricNames.cacheMisses,
    help: 'Cache lookups that found nothing, by cache.',
    labelNames: ['cache'] as const,
    registers,
  });

  return {
    registry,
    httpRequests,
    httpRequestDuration,
    activeRuns,
    jobs,
    ingestDocuments,
    ingestChunks,
    ingestDuration,
    searchRequests,
    searchDuration,
    modelTokens,
    modelCost,
    cacheHits,
    cacheMisses,

    observeHttpRequest(sample) {
      checkLabel(sample.route, 'route');
      checkAmount(sample.durationSeconds, 'durationSeconds');
      if (!Number.isInteger(sample.status) || sample.status < 100 || sample.status > 599) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `status must be an HTTP status code, got ${sample.status}`,
        );
      }
      const upper = String(sample.method).toUpperCase();
      const method = knownMethods.has(upper) ? upper : 'OTHER';
      httpRequests.inc({ route: sample.route, method, status: String(sample.status) });
      httpRequestDuration.observe({ route: sample.route, method }, sample.durationSeconds);
    },
    observeSearch(sample) {
      checkLabel(sample.mode, 'mode');
      checkAmount(sample.durationSeconds, 'durationSeconds');
      searchRequests.inc({ mode: sample.mode });
      searchDuration.observe({ mode: sample.mode }, sample.durationSeconds);
    },
    observeIngest(sample) {
      checkAmount(sample.documents, 'documents');
      checkAmount(sample.chunks, 'chunks');
      checkAmount(sample.durationSeconds, 'durationSeconds');
      ingestDocuments.inc(sample.documents);
      ingestChunks.inc(sample.chunks);
      ingestDuration.observe(sample.durationSeconds);
    },
    recordModelUsage(sample) {
      checkLabel(sample.model, 'model');
      checkAmount(sample.inputTokens, 'inputTokens');
      checkAmount(sample.outputTokens, 'outputTokens');
      if (sample.costUsd !== undefined) checkAmount(sample.costUsd, 'costUsd');
      modelTokens.inc({ model: sample.model, direction: 'input' }, sample.inputTokens);
      modelTokens.inc({ model: sample.model, direction: 'output' }, sample.outputTokens);
      if (sample.costUsd !== undefined) modelCost.inc({ model: sample.model }, sample.costUsd);
    },
    recordCacheLookup(cache, hit) {
      checkLabel(cache, 'cache');
      (hit ? cacheHits : cacheMisses).inc({ cache });
    },
    trackRun() {
      activeRuns.inc();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        activeRuns.dec();
      };
    },
    setJobCountsSource(source) {
      jobCountsSource = source;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
