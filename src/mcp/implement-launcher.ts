/**
 * Runs `implementTask` in the background for the `implement` tool of `archon mcp`
 * (the HTTP server passes its own run manager instead). A start resolves as soon as
 * the run is recorded, so the returned id is readable at once; a failure before that
 * (no model, a missing workspace) rejects the start and records nothing. A run that
 * throws after it was recorded is marked failed with the reason, never left running.
 * `close()` cancels what still runs and waits until each run has recorded its end.
 */
import { randomUUID } from 'node:crypto';

import type { LanguageModel, UsageLimits } from '../agent/index.js';
import { toArchonError } from '../core/errors.js';
import type { RunCreate, RunRecord, RunStore } from '../core/run-store.js';
import { type ImplementEnvironment, implementTask } from '../engineer/implement-task.js';
import type { ImplementToolRequest, StartImplement } from './mcp-dependencies.js';
import type { UnexpectedErrorListener } from './mcp-errors.js';

export interface ImplementLauncherOptions {
  /** Knowledge, run store, home and command settings of the runs. */
  readonly environment: ImplementEnvironment;
  /** The model for a new run; throws INVALID_CONFIG (saying how to configure one) when none is. */
  readonly model: () => LanguageModel;
  readonly limits?: UsageLimits;
  /** Errors of runs that failed after they were recorded, for the server log. */
  readonly onRunError?: UnexpectedErrorListener;
}

export interface ImplementLauncher {
  readonly start: StartImplement;
  /** Runs started and not yet ended. */
  readonly activeRuns: number;
  /** Cancels every active run and waits for each to record its end. */
  close(): Promise<void>;
}

/** A launcher of background implement runs. */
export function createImplementLauncher(options: ImplementLauncherOptions): ImplementLauncher {
  const active = new Map<string, { controller: AbortController; ended: Promise<void> }>();

  const start = async (request: ImplementToolRequest): Promise<{ runId: string }> => {
    const model = options.model();
    const runId = randomUUID();
    const controller = new AbortController();
    let recorded = false;
    let markRecorded!: () => void;
    const recording = new Promise<void>((resolve) => {
      markRecorded = resolve;
    });
    const runs = announcingRunStore(options.environment.runs, () => {
      recorded = true;
      markRecorded();
    });
    const outcome = implementTask(
      { ...options.environment, runs },
      {
        spec: request.spec,
        workspace: request.workspace,
        checks: request.checks,
        model,
        runId,
        abortSignal: controller.signal,
        ...(options.limits === undefined ? {} : { limits: options.limits }),
      },
    );
    const ended = outcome.then(
      () => undefined,
      async (error: unknown) => {
        if (!recorded) return;
        options.onRunError?.(error, `implement run ${runId}`);
        await options.environment.runs
          .updateRun(runId, {
            state: 'failed',
            stopReason: 'error',
            report: { error: toArchonError(error).toJSON() },
          })
          .catch((updateError: unknown) =>
            options.onRunError?.(updateError, `recording the failure of run ${runId}`),
          );
      },
    );
    active.set(runId, { controller, ended });
    void ended.finally(() => active.delete(runId));
    await Promise.race([recording, outcome]);
    return { runId };
  };

  return {
    start,
    get activeRuns() {
      return active.size;
    },
    close: async () => {
      const running = [...active.values()];
      for (const run of running) run.controller.abort();
      await Promise.all(running.map((run) => run.ended));
    },
  };
}

/** `runs` with `onCreated` called once the run record exists. */
function announcingRunStore(runs: RunStore, onCreated: () => void): RunStore {
  return {
    createRun: async (run: RunCreate): Promise<RunRecord> => {
      const record = await runs.createRun(run);
      onCreated();
      return record;
    },
    updateRun: (id, update) => runs.updateRun(id, update),
    getRun: (id) => runs.getRun(id),
    listRuns: (listOptions) => runs.listRuns(listOptions),
    appendRunEvents: (runId, events) => runs.appendRunEvents(runId, events),
    listRunEvents: (runId, afterSequence) => runs.listRunEvents(runId, afterSequence),
    saveTranscript: (runId, transcript) => runs.saveTranscript(runId, transcript),
    getTranscript: (runId) => runs.getTranscript(runId),
  };
}
