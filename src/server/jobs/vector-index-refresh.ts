/**
 * Brings the vector index up to date after an ingest job, inside the server
 * process, without holding the event loop: usearch inserts are synchronous
 * native calls, so the work runs in slices with a `setImmediate` turn between
 * them (about 20-50 ms of work per slice on 2 cores, see bench/refresh-slices.ts).
 * Searches stay correct meanwhile: vectors not yet in the graph are scanned
 * exactly. A shutdown stops it between slices; the next refresh resumes.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobContext } from './job-context.js';

/** Vectors added to the HNSW graph between two turns of the event loop. */
export const refreshSliceSize = 256;

/** Refreshes the index in slices; logs instead of throwing (the ingest already succeeded). */
export async function refreshVectorIndexInSlices(
  context: JobContext,
  signal: AbortSignal,
): Promise<void> {
  const pause = (): Promise<void> =>
    new Promise((resolve, reject) =>
      setImmediate(() =>
        signal.aborted
          ? reject(new ArchonError(ErrorCode.Unavailable, 'vector index refresh stopped'))
          : resolve(),
      ),
    );
  try {
    const { vectorIndex, seconds } = await context.knowledgeBase.refreshVectorIndex({
      sliceSize: refreshSliceSize,
      pause,
    });
    context.logger.info({ vectorIndex, seconds }, 'vector index refreshed after ingest');
  } catch (error) {
    if (signal.aborted) return;
    context.logger.error({ err: error }, 'vector index refresh failed; searches scan new vectors');
  }
}
