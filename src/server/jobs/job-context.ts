/** What executing a job needs: the core objects and the process's observability. */
import type { LanguageModel, UsageLimits } from '../../agent/index.js';
import type { Settings } from '../../config/settings-schema.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { RunStore } from '../../core/run-store.js';
import type { UrlPolicy } from '../../knowledge/ingest/web/network/url-policy.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Logger } from '../../observability/logger.js';
import type { ArchonMetrics } from '../../observability/metrics.js';

export interface JobContext {
  readonly knowledgeBase: KnowledgeBase;
  /** The SSRF guard of URL ingest jobs. */
  readonly urlPolicy: UrlPolicy;
  /** The run store, wrapped so that changes wake the event streams. */
  readonly runs: RunStore;
  readonly settings: Settings;
  readonly logger: Logger;
  readonly metrics: ArchonMetrics;
  readonly languageModel?: () => LanguageModel;
  readonly clock: () => number;
  /** Ingests the engineering pack when it is enabled and stale, once per process. */
  readonly ensurePack: () => Promise<void>;
  /** Limits applied under each request's own (the request can only lower them). */
  readonly runLimits?: UsageLimits;
  readonly sandbox?: 'auto' | 'bubblewrap' | 'none';
  readonly commandTimeoutMs?: number;
  /** Called when a run's job changes state, to wake its event streams. */
  readonly onRunJobChanged?: (runId: string) => void;
}

/** A job's error as stored and shown: the message of an ArchonError, a generic line otherwise. */
export function publicJobError(error: unknown): string {
  if (
    ArchonError.isInstance(error) &&
    error.code !== ErrorCode.Internal &&
    error.code !== ErrorCode.StorageError
  ) {
    return error.message.split('\n')[0] ?? error.message;
  }
  return 'internal error; the server log has the details';
}
