/**
 * What the route modules share, built once by `createServerApp`: the core objects,
 * the job runner, the run notifier, the limits and the shutdown signal.
 */
import type { LanguageModel } from '../agent/index.js';
import type { RunStore } from '../core/run-store.js';
import type { UrlPolicy } from '../knowledge/ingest/web/network/url-policy.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { HealthRegistry } from '../observability/health-types.js';
import type { ArchonMetrics } from '../observability/metrics.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { RunChangeNotifier } from './jobs/run-change-notifier.js';
import type { IdempotencyRegistry } from './middleware/idempotency-registry.js';
import type { PathPolicy } from './path-policy.js';

export interface ServerServices {
  readonly knowledgeBase: KnowledgeBase;
  /** The run store, wrapped by the notifier. */
  readonly runs: RunStore;
  readonly jobs: JobRunner;
  readonly notifier: RunChangeNotifier;
  readonly metrics: ArchonMetrics;
  readonly health: HealthRegistry;
  readonly idempotency: IdempotencyRegistry;
  readonly paths: PathPolicy;
  /** The SSRF guard every URL ingest of the server runs under. */
  readonly urlPolicy: UrlPolicy;
  readonly languageModel?: () => LanguageModel;
  /** Runs one principal may have queued or running at once. */
  readonly maxConcurrentRuns: number;
  /** Aborted when shutdown begins: event streams end so connections can close. */
  readonly shutdownSignal: AbortSignal;
  /** Longest wait between checks of a run written by another process. */
  readonly eventPollIntervalMs: number;
  /** A comment line on an idle event stream this often keeps proxies from closing it. */
  readonly heartbeatIntervalMs: number;
}
