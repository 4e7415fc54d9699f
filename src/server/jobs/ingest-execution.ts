/**
 * Executes an ingest job: the core `ingest` with the job's request, progress written
 * to the job (at most once a second: it is a database write), the summary as the
 * result; then the vector index is brought up to date in slices (the job is already
 * succeeded: its documents are searchable). Ingest is idempotent per document (content hashes), so a job interrupted
 * by a shutdown goes back to `queued` and simply runs again at the next start.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord } from '../../core/job-types.js';
import type { IngestProgress } from '../../knowledge/ingest/ingest-documents.js';
import type { IngestRequestBody } from '../schemas/knowledge-schemas.js';
import { type JobContext, publicJobError } from './job-context.js';
import { refreshVectorIndexInSlices } from './vector-index-refresh.js';

const progressIntervalMilliseconds = 1000;

/** Why an execution was stopped from outside. */
export type StopCause = 'shutdown' | 'cancelled';

export async function executeIngest(
  context: JobContext,
  job: JobRecord,
  signal: AbortSignal,
): Promise<void> {
  const store = context.knowledgeBase.store;
  const request = job.input as IngestRequestBody;
  await store.updateJob(job.id, { state: 'running', error: null });
  let lastWrite = 0;
  let latest: IngestProgress | null = null;
  const onProgress = (progress: IngestProgress): void => {
    latest = progress;
    const now = context.clock();
    if (now - lastWrite < progressIntervalMilliseconds) return;
    lastWrite = now;
    store.updateJob(job.id, { progress }).catch(() => undefined);
  };
  try {
    if (!Array.isArray(request?.targets)) {
      throw new ArchonError(ErrorCode.Internal, `job ${job.id} does not hold an ingest request`);
    }
    const summary = await context.knowledgeBase.ingest({
      ...request,
      urlPolicy: context.urlPolicy,
      abortSignal: signal,
      onProgress,
    });
    context.metrics.observeIngest({
      documents: summary.added + summary.updated,
      chunks: summary.chunks,
      durationSeconds: summary.seconds,
    });
    await store.updateJob(job.id, { state: 'succeeded', progress: latest, result: summary });
    await refreshVectorIndexInSlices(context, signal);
  } catch (error) {
    if (signal.aborted && signal.reason === ('shutdown' satisfies StopCause)) {
      await store.updateJob(job.id, {
        state: 'queued',
        progress: { ...(latest ?? {}), interrupted: 'server shutdown; resumes at the next start' },
      });
      return;
    }
    const cancelled = signal.aborted;
    if (!cancelled && !ArchonError.isInstance(error)) {
      context.logger.error({ err: error, jobId: job.id }, 'ingest job failed unexpectedly');
    }
    await store.updateJob(job.id, {
      state: cancelled ? 'cancelled' : 'failed',
      progress: latest,
      error: publicJobError(error),
    });
  }
}
