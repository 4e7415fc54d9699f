/**
 * Runs the durable jobs of the HTTP server in this process: ingests one at a time
 * (they compete for the same CPU and database writer), runs as they come (the
 * per-key cap keeps them bounded). It knows which jobs are active, so a client can
 * cancel a run and a shutdown can cancel runs and park ingests; and at start it
 * recovers what a previous process left: queued runs the core never recorded start,
 * interrupted ingests run again (idempotent), interrupted runs are marked failed
 * with the reason.
 */
import pLimit from 'p-limit';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord } from '../../core/job-types.js';
import type { IngestRequestBody } from '../schemas/knowledge-schemas.js';
import { executeIngest, type StopCause } from './ingest-execution.js';
import type { JobContext } from './job-context.js';
import { executeRun } from './run-execution.js';
import { ingestJobKind, readRunJobInput, type RunJobInput, runJobKind } from './run-job-input.js';

interface ActiveJob {
  readonly kind: string;
  readonly principal: string | null;
  readonly controller: AbortController;
  done: Promise<void>;
}

/** A run's Idempotency-Key as found in the jobs table at start. */
export interface RecoveredIdempotencyKey {
  readonly principal: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly runId: string;
  readonly createdAt: string;
}

/** What `recover` did. */
export interface RecoverySummary {
  readonly resumedIngests: number;
  readonly startedRuns: number;
  readonly failedRuns: number;
  readonly idempotencyKeys: readonly RecoveredIdempotencyKey[];
}

export interface JobRunnerOptions {
  /** Ingests that may run at once. Default 1. */
  readonly ingestConcurrency?: number;
}

export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private readonly ingestQueue: ReturnType<typeof pLimit>;
  private stopping = false;

  constructor(
    private readonly context: JobContext,
    options: JobRunnerOptions = {},
  ) {
    this.ingestQueue = pLimit(options.ingestConcurrency ?? 1);
  }

  /** Jobs started and not yet ended in this process. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Records an ingest job and queues it. */
  async submitIngest(request: IngestRequestBody): Promise<JobRecord> {
    this.refuseWhenStopping();
    const job = await this.context.knowledgeBase.store.createJob(ingestJobKind, request);
    this.start(job, null);
    return job;
  }

  /** Records a run job (its id is the run id) and starts it. */
  async submitRun(input: RunJobInput): Promise<JobRecord> {
    this.refuseWhenStopping();
    const job = await this.context.knowledgeBase.store.createJob(runJobKind, input);
    this.start(job, input.principal);
    return job;
  }

  /** Runs of `principal` that are queued or running here. */
  activeRuns(principal: string): number {
    let count = 0;
    for (const job of this.active.values()) {
      if (job.kind === runJobKind && job.principal === principal) count += 1;
    }
    return count;
  }

  /** Asks an active run to stop; false when it is not active in this process. */
  cancelRun(id: string): boolean {
    const job = this.active.get(id);
    if (job === undefined || job.kind !== runJobKind) return false;
    job.controller.abort('cancelled' satisfies StopCause);
    return true;
  }

  /** Resolves when the job with this id is not (or no longer) active here. */
  whenEnded(id: string): Promise<void> {
    return this.active.get(id)?.done ?? Promise.resolve();
  }

  /** Resolves when no job is active. */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0)
      await Promise.all([...this.active.values()].map((job) => job.done));
  }

  /** Picks up what a previous process left; call once, before serving. */
  async recover(): Promise<RecoverySummary> {
    const store = this.context.knowledgeBase.store;
    let resumedIngests = 0;
    let startedRuns = 0;
    let failedRuns = 0;
    const unfinished = [
      ...(await store.listJobs({ state: 'running' })),
      ...(await store.listJobs({ state: 'queued' })),
    ];
    for (const job of unfinished) {
      if (job.kind === ingestJobKind) {
        this.start(job, null);
        resumedIngests += 1;
      } else if (
        job.kind === runJobKind &&
        job.state === 'queued' &&
        (await this.context.runs.getRun(job.id)) === null
      ) {
        this.start(job, this.principalOf(job));
        startedRuns += 1;
      } else if (job.kind === runJobKind) {
        await this.failInterruptedRun(job);
        failedRuns += 1;
      }
    }
    return {
      resumedIngests,
      startedRuns,
      failedRuns,
      idempotencyKeys: await this.idempotencyKeys(),
    };
  }

  /** Refuses new jobs, cancels active runs, parks active ingests, and waits for all to settle. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Ingests still waiting for their turn see the abort when it comes and park themselves.
    for (const job of this.active.values()) job.controller.abort('shutdown' satisfies StopCause);
    await this.whenIdle();
  }

  private start(job: JobRecord, principal: string | null): void {
    const controller = new AbortController();
    const entry: ActiveJob = { kind: job.kind, principal, controller, done: Promise.resolve() };
    this.active.set(job.id, entry);
    const execute =
      job.kind === runJobKind
        ? () => executeRun(this.context, job, controller.signal)
        : () =>
            this.ingestQueue(() =>
              controller.signal.aborted
                ? this.parkIngest(job)
                : executeIngest(this.context, job, controller.signal),
            );
    entry.done = execute()
      .catch((error: unknown) =>
        this.context.logger.error({ err: error, jobId: job.id }, 'job execution failed'),
      )
      .finally(() => this.active.delete(job.id));
  }

  /** An ingest that was still waiting for its turn at shutdown: stays queued for the next start. */
  private async parkIngest(job: JobRecord): Promise<void> {
    await this.context.knowledgeBase.store.updateJob(job.id, { state: 'queued' });
  }

  private async failInterruptedRun(job: JobRecord): Promise<void> {
    const reason = 'interrupted: the server stopped while the run was in progress';
    const run = await this.context.runs.getRun(job.id);
    if (run?.state === 'running') {
      await this.context.runs.updateRun(job.id, { state: 'failed', stopReason: 'interrupted' });
    }
    await this.context.knowledgeBase.store.updateJob(job.id, { state: 'failed', error: reason });
  }

  private async idempotencyKeys(): Promise<RecoveredIdempotencyKey[]> {
    const keys: RecoveredIdempotencyKey[] = [];
    for (const job of await this.context.knowledgeBase.store.listJobs({ kind: runJobKind })) {
      const input = safeRunInput(job);
      if (input?.idempotency === undefined) continue;
      keys.push({
        principal: input.principal,
        key: input.idempotency.key,
        fingerprint: input.idempotency.fingerprint,
        runId: job.id,
        createdAt: job.createdAt,
      });
    }
    return keys;
  }

  private principalOf(job: JobRecord): string | null {
    return safeRunInput(job)?.principal ?? null;
  }

  private refuseWhenStopping(): void {
    if (this.stopping) {
      throw new ArchonError(ErrorCode.Unavailable, 'the server is shutting down; no new jobs');
    }
  }
}

function safeRunInput(job: JobRecord): RunJobInput | null {
  try {
    return readRunJobInput(job);
  } catch {
    return null;
  }
}
