/**
 * A job as `GET /v1/jobs/{id}` shows it. A run job's input keeps only the request:
 * who sent it and its Idempotency-Key are the server's bookkeeping.
 */
import type { JobRecord } from '../../core/job-types.js';
import { runJobKind } from './run-job-input.js';

export function jobView(job: JobRecord): JobRecord {
  if (job.kind !== runJobKind) return job;
  const input = job.input as { request?: unknown } | null;
  return { ...job, input: input?.request ?? null };
}
