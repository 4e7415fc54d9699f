/**
 * Brings the vector index up to date after an ingest job, inside the server
 * process, without holding the event loop: usearch inserts are synchronous
 * native calls, so the work runs in slices with a `setImmediate` turn between
 * them (about 20-50 ms of work per slice on 2 cores, see bench/refresh-slices.ts).
 * Searches stay correct meanwhile: vectors not yet in the graph are scanned
 * exactly. A shutdown stops it between slices; the next refresh resumes.
 */
import { refreshVectorIndexInSlices as refreshInSlices } from '../../knowledge/refresh-in-slices.js';
import type { JobContext } from './job-context.js';

/** Refreshes the index in slices; logs instead of throwing (the ingest already succeeded). */
export async function refreshVectorIndexInSlices(
  context: JobContext,
  signal: AbortSignal,
): Promise<void> {
  try {
    const { vectorIndex, seconds } = await refreshInSlices(context.knowledgeBase, signal);
    context.logger.info({ vectorIndex, seconds }, 'vector index refreshed after ingest');
  } catch (error) {
    if (signal.aborted) return;
    context.logger.error({ err: error }, 'vector index refresh failed; searches scan new vectors');
  }
}
