/**
 * How a run looks over HTTP. A run started by the server is a job (queued, then
 * running, then ended) and, once the core has recorded it, a run record with the
 * report; a run started by the CLI has only the record. The view merges both.
 */
import type { JobRecord, JobState } from '../../core/job-types.js';
import type { RunKind, RunRecord } from '../../core/run-store.js';
import { readRunJobInput, runJobKind } from './run-job-input.js';

export type RunViewState = JobState;

export interface RunLinks {
  readonly self: string;
  readonly events: string;
  readonly cancel: string;
}

export interface AcceptedRun {
  readonly id: string;
  readonly kind: RunKind;
  readonly state: 'queued';
  readonly createdAt: string;
  readonly links: RunLinks;
}

export interface RunView {
  readonly id: string;
  readonly kind: RunKind;
  readonly state: RunViewState;
  readonly input: string;
  readonly workspace: string | null;
  readonly model: string | null;
  readonly stopReason: string | null;
  readonly error: string | null;
  readonly report: unknown;
  readonly checkpointId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly links: RunLinks;
}

const terminalStates: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** True for the states a run never leaves. */
export function isTerminal(state: string): boolean {
  return terminalStates.has(state);
}

export function runLinks(id: string): RunLinks {
  const self = `/v1/runs/${encodeURIComponent(id)}`;
  return { self, events: `${self}/events`, cancel: `${self}/cancel` };
}

/** The 202 body of `POST /v1/runs`: a function of the job alone, so a replay is identical. */
export function acceptedRun(job: JobRecord): AcceptedRun {
  const { request } = readRunJobInput(job);
  return {
    id: job.id,
    kind: request.kind,
    state: 'queued',
    createdAt: job.createdAt,
    links: runLinks(job.id),
  };
}

/** The merged view; null when neither a run job nor a run record exists. */
export function runView(job: JobRecord | null, run: RunRecord | null): RunView | null {
  const runJob = job?.kind === runJobKind ? job : null;
  if (runJob === null && run === null) return null;
  const request = runJob === null ? null : readRunJobInput(runJob).request;
  const id = run?.id ?? (runJob as JobRecord).id;
  // A job that ended without a terminal record (it failed before or while recording) wins.
  const state: RunViewState =
    run === null || (run.state === 'running' && runJob !== null && isTerminal(runJob.state))
      ? (runJob as JobRecord).state
      : run.state;
  return {
    id,
    kind: run?.kind ?? (request as NonNullable<typeof request>).kind,
    state,
    input: run?.input ?? inputOf(request),
    workspace: run?.workspace ?? (request?.kind === 'implement' ? request.workspace : null),
    model: run?.model ?? null,
    stopReason: run?.stopReason ?? null,
    error: runJob?.error ?? null,
    report: run?.report ?? null,
    checkpointId: run?.checkpointId ?? null,
    createdAt: runJob?.createdAt ?? (run as RunRecord).createdAt,
    updatedAt: latest(runJob?.updatedAt, run?.updatedAt),
    links: runLinks(id),
  };
}

function inputOf(request: ReturnType<typeof readRunJobInput>['request'] | null): string {
  if (request === null) return '';
  return request.kind === 'implement' ? request.spec : request.question;
}

function latest(first: string | undefined, second: string | undefined): string {
  if (first === undefined) return second ?? '';
  if (second === undefined) return first;
  return first > second ? first : second;
}
