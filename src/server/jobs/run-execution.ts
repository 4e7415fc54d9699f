/**
 * Executes a run job with the core functions: `implementTask` for implement runs,
 * `askQuestion` for ask runs, under the run id the server announced. The job ends in
 * the run's own final state; if the core throws, the run record (when it exists) is
 * marked failed so no run stays `running`. Token use and cost go to the metrics.
 */
import type { RunUsage } from '../../agent/index.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord, JobState } from '../../core/job-types.js';
import { askQuestion } from '../../engineer/ask-question.js';
import { implementTask } from '../../engineer/implement-task.js';
import type { AskRunRequest, ImplementRunRequest } from '../schemas/run-schemas.js';
import { withAssignedRunId } from './assigned-run-id.js';
import type { StopCause } from './ingest-execution.js';
import { type JobContext, publicJobError } from './job-context.js';
import { readRunJobInput } from './run-job-input.js';
import { isTerminal } from './run-view.js';

export async function executeRun(
  context: JobContext,
  job: JobRecord,
  signal: AbortSignal,
): Promise<void> {
  const store = context.knowledgeBase.store;
  const stopTracking = context.metrics.trackRun();
  try {
    if (signal.aborted) {
      await store.updateJob(job.id, { state: 'cancelled', error: stopMessage(signal) });
      return;
    }
    await store.updateJob(job.id, { state: 'running' });
    const { request } = readRunJobInput(job);
    await context.ensurePack();
    const outcome =
      request.kind === 'implement'
        ? await implement(context, job.id, request, signal)
        : await ask(context, job.id, request, signal);
    await store.updateJob(job.id, {
      state: outcome.state,
      result: { runId: job.id, stopReason: outcome.stopReason },
      error: outcome.state === 'cancelled' ? stopMessage(signal) : outcome.error,
    });
  } catch (error) {
    await recordFailure(context, job, signal, error);
  } finally {
    stopTracking();
    context.onRunJobChanged?.(job.id);
  }
}

interface RunOutcome {
  readonly state: JobState;
  readonly stopReason: string;
  readonly error: string | null;
}

async function implement(
  context: JobContext,
  runId: string,
  request: ImplementRunRequest,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const model = requireModel(context)();
  const report = await implementTask(
    {
      knowledge: context.knowledgeBase,
      runs: context.runs,
      home: context.settings.home,
      ...(context.sandbox ? { sandbox: context.sandbox } : {}),
      ...(context.commandTimeoutMs ? { commandTimeoutMs: context.commandTimeoutMs } : {}),
    },
    {
      spec: request.spec,
      workspace: request.workspace,
      checks: request.checks ?? [],
      model,
      limits: { ...context.runLimits, ...request.limits },
      abortSignal: signal,
      runId,
    },
  );
  recordUsage(context, report.model, report.usage);
  return {
    state: report.status,
    stopReason: report.stopReason,
    error: report.status === 'failed' ? `${report.stopReason}: ${report.stopDetail}` : null,
  };
}

async function ask(
  context: JobContext,
  runId: string,
  request: AskRunRequest,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const model =
    request.useModel !== false && context.languageModel ? context.languageModel() : undefined;
  const answer = await askQuestion(
    { knowledge: context.knowledgeBase, runs: withAssignedRunId(context.runs, runId) },
    {
      question: request.question,
      ...(model ? { model } : {}),
      ...(request.limit !== undefined ? { limit: request.limit } : {}),
      abortSignal: signal,
    },
  );
  if (model && answer.usage)
    recordUsage(context, `${model.provider}:${model.modelId}`, answer.usage);
  return {
    state: 'succeeded',
    stopReason: answer.answer === null ? 'passages-only' : 'completed',
    error: null,
  };
}

/** The configured model factory; INVALID_CONFIG when the server has none. */
export function requireModel(
  context: Pick<JobContext, 'languageModel'>,
): NonNullable<JobContext['languageModel']> {
  if (context.languageModel === undefined) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      'no language model is configured on this server; set ARCHON_MODEL (and its key) and restart it',
    );
  }
  return context.languageModel;
}

async function recordFailure(
  context: JobContext,
  job: JobRecord,
  signal: AbortSignal,
  error: unknown,
): Promise<void> {
  if (!ArchonError.isInstance(error)) {
    context.logger.error({ err: error, runId: job.id }, 'run failed unexpectedly');
  }
  const run = await context.runs.getRun(job.id).catch(() => null);
  let state: JobState = signal.aborted ? 'cancelled' : 'failed';
  if (run !== null && isTerminal(run.state)) {
    state = run.state;
  } else if (run !== null) {
    await context.runs
      .updateRun(job.id, { state, stopReason: state === 'cancelled' ? 'cancelled' : 'error' })
      .catch(() => undefined);
  }
  const message = state === 'cancelled' ? stopMessage(signal) : publicJobError(error);
  await context.knowledgeBase.store
    .updateJob(job.id, { state, error: message })
    .catch((updateError: unknown) =>
      context.logger.error({ err: updateError, runId: job.id }, 'could not record a run failure'),
    );
}

function recordUsage(context: JobContext, model: string, usage: RunUsage): void {
  context.metrics.recordModelUsage({
    model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: usage.costUsd,
  });
}

function stopMessage(signal: AbortSignal): string {
  return signal.reason === ('shutdown' satisfies StopCause)
    ? 'cancelled: the server shut down'
    : 'cancelled by a client';
}
