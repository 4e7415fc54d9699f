/**
 * What a run's job stores as its input: the request as the client sent it (after
 * validation), who sent it, and its Idempotency-Key with the body fingerprint, so
 * the idempotency registry can be rebuilt after a restart.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord } from '../../core/job-types.js';
import { type CreateRunRequest, createRunRequestSchema } from '../schemas/run-schemas.js';

/** The job kind of agent runs; the job id is the run id. */
export const runJobKind = 'run';
/** The job kind of ingests started over HTTP. */
export const ingestJobKind = 'ingest';

export interface RunJobInput {
  readonly request: CreateRunRequest;
  readonly principal: string;
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

/** The run job input stored in `job`; INTERNAL when the stored JSON is not one. */
export function readRunJobInput(job: JobRecord): RunJobInput {
  const input = job.input as Partial<RunJobInput> | null;
  const parsed = createRunRequestSchema.safeParse(input?.request);
  if (!parsed.success || typeof input?.principal !== 'string') {
    throw new ArchonError(ErrorCode.Internal, `job ${job.id} does not hold a run request`);
  }
  const idempotency = input.idempotency;
  return {
    request: parsed.data,
    principal: input.principal,
    ...(typeof idempotency?.key === 'string' && typeof idempotency.fingerprint === 'string'
      ? { idempotency: { key: idempotency.key, fingerprint: idempotency.fingerprint } }
      : {}),
  };
}
