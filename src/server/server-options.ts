/**
 * Everything `createServerApp` takes: the core objects the entry point opened, the
 * observability of the process, and the limits, each with a default.
 */
import type { LanguageModel, UsageLimits } from '../agent/index.js';
import type { Settings } from '../config/settings-schema.js';
import type { ApiKeyStore } from '../core/api-key-store.js';
import type { RunStore } from '../core/run-store.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { HealthRegistry } from '../observability/health-types.js';
import type { Logger } from '../observability/logger.js';
import type { ArchonMetrics } from '../observability/metrics.js';

/** Limits of the server; every field has a default (see {@link defaultServerLimits}). */
export interface ServerLimits {
  /** Largest request body under /v1. */
  readonly bodyLimitBytes: number;
  /** Longest a /v1 request may take (event streams excepted: they answer at once). */
  readonly requestTimeoutMs: number;
  /** Sustained requests per second per API key. */
  readonly requestsPerSecond: number;
  /** Requests a key may send at once after a quiet period. */
  readonly burst: number;
  /** Runs per key queued or running at once. */
  readonly maxConcurrentRuns: number;
  /** Rate-limit anonymous callers too (a loopback server without keys). */
  readonly limitAnonymous: boolean;
  /** Ingest jobs running at once. */
  readonly ingestConcurrency: number;
  /** Longest wait between checks for events of a run written by another process. */
  readonly eventPollIntervalMs: number;
  /** Keep-alive comment interval on an idle event stream. */
  readonly heartbeatIntervalMs: number;
}

export const defaultServerLimits: ServerLimits = {
  bodyLimitBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  requestsPerSecond: 20,
  burst: 40,
  maxConcurrentRuns: 4,
  limitAnonymous: false,
  ingestConcurrency: 1,
  eventPollIntervalMs: 1_000,
  heartbeatIntervalMs: 15_000,
};

export interface ServerAppOptions {
  readonly knowledgeBase: KnowledgeBase;
  readonly runs: RunStore;
  readonly settings: Settings;
  readonly logger: Logger;
  readonly metrics: ArchonMetrics;
  readonly health: HealthRegistry;
  readonly apiKeys: ApiKeyStore;
  /** The configured model; without it implement runs are refused and ask answers with passages. */
  readonly languageModel?: () => LanguageModel;
  /** Require an API key on every route but /health and /ready. `startServer` forces it off loopback. */
  readonly requireAuth?: boolean;
  /** Directories ingest paths and workspaces must be inside; any absolute path when absent. */
  readonly allowedPaths?: readonly string[];
  readonly limits?: Partial<ServerLimits>;
  /** Budgets every run gets under the request's own. */
  readonly runLimits?: UsageLimits;
  readonly sandbox?: 'auto' | 'bubblewrap' | 'none';
  readonly commandTimeoutMs?: number;
  /** Register the `database` readiness check (required). Default true. */
  readonly registerDatabaseCheck?: boolean;
  /** The package version, for the OpenAPI document. */
  readonly version?: string;
  /** Milliseconds since the epoch; tests inject one to drive rate limits. */
  readonly clock?: () => number;
}
