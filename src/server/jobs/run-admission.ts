/**
 * Admits a new run: checks what can be checked before anything is recorded (a model
 * for implement runs, the workspace path and that it is a directory, the caller's
 * concurrent-run cap), then records the run's job and starts it. The HTTP route and
 * the `implement` tool of a mounted MCP server both come through here.
 */
import { statSync } from 'node:fs';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord } from '../../core/job-types.js';
import type { PathPolicy } from '../path-policy.js';
import type { CreateRunRequest } from '../schemas/run-schemas.js';
import type { JobContext } from './job-context.js';
import type { JobRunner } from './job-runner.js';
import type { RunChangeNotifier } from './run-change-notifier.js';
import { requireModel } from './run-execution.js';

/** Seconds a client over its run cap is told to wait: runs last seconds to minutes. */
export const runCapRetryAfterSeconds = 5;

export interface RunAdmissionOptions {
  readonly jobs: JobRunner;
  readonly paths: PathPolicy;
  readonly notifier: RunChangeNotifier;
  readonly context: Pick<JobContext, 'languageModel' | 'runs' | 'knowledgeBase'>;
  readonly maxConcurrentRuns: number;
}

export class RunAdmission {
  constructor(private readonly options: RunAdmissionOptions) {}

  /** Checks and records a run for `principal`; its job id is the run id. */
  async admit(
    request: CreateRunRequest,
    principal: string,
    idempotency?: { key: string; fingerprint: string },
  ): Promise<JobRecord> {
    const checked = this.check(request);
    if (this.options.jobs.activeRuns(principal) >= this.options.maxConcurrentRuns) {
      throw new ArchonError(
        ErrorCode.RateLimited,
        `at most ${this.options.maxConcurrentRuns} runs at once per API key; wait for one to end`,
        { details: { retryAfterSeconds: runCapRetryAfterSeconds } },
      );
    }
    return this.options.jobs.submitRun({
      request: checked,
      principal,
      ...(idempotency ? { idempotency } : {}),
    });
  }

  /**
   * Starts an implement run and resolves once the core has recorded it, so a reader
   * finds it at once (the MCP `implement` tool's contract); rejects with the reason
   * when it ends before that.
   */
  async startImplement(
    request: { spec: string; workspace: string; checks: readonly string[] },
    principal = 'mcp',
  ): Promise<{ runId: string }> {
    const job = await this.admit(
      {
        kind: 'implement',
        spec: request.spec,
        workspace: request.workspace,
        checks: [...request.checks],
      },
      principal,
    );
    await this.recorded(job.id);
    return { runId: job.id };
  }

  private check(request: CreateRunRequest): CreateRunRequest {
    if (request.kind === 'ask') return request;
    requireModel(this.options.context)();
    const workspace = this.options.paths.check(request.workspace, 'the workspace');
    let isDirectory = false;
    try {
      isDirectory = statSync(workspace).isDirectory();
    } catch {
      throw new ArchonError(ErrorCode.PathNotFound, `workspace not found: ${workspace}`, {
        details: { path: workspace },
      });
    }
    if (!isDirectory) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `the workspace is not a directory: ${workspace}`,
      );
    }
    return { ...request, workspace };
  }

  private async recorded(runId: string): Promise<void> {
    let removeListener = (): void => undefined;
    const recorded = new Promise<void>((resolve) => {
      removeListener = this.options.notifier.onRecorded(runId, resolve);
    });
    try {
      if ((await this.options.context.runs.getRun(runId)) !== null) return;
      const ended = this.options.jobs.whenEnded(runId).then(() => 'ended' as const);
      if ((await Promise.race([recorded, ended])) !== 'ended') return;
      if ((await this.options.context.runs.getRun(runId)) !== null) return;
      const job = await this.options.context.knowledgeBase.store.getJob(runId);
      throw new ArchonError(ErrorCode.InvalidInput, job?.error ?? 'the run could not start');
    } finally {
      removeListener();
    }
  }
}
