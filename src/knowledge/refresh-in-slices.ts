/**
 * Refreshes the vector index without holding an event loop: usearch inserts are
 * synchronous native calls, so the work runs in slices with a `setImmediate` turn
 * between them. Searches stay correct meanwhile (vectors not yet in the graph are
 * scanned exactly). An aborted signal stops it between slices; the next refresh
 * resumes where it stopped.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** Vectors added to the HNSW graph between two turns of the event loop. */
export const refreshSliceSize = 256;

/** Refreshes `knowledgeBase`'s vector index in slices; UNAVAILABLE when `signal` aborts. */
export function refreshVectorIndexInSlices(
  knowledgeBase: Pick<KnowledgeBase, 'refreshVectorIndex'>,
  signal?: AbortSignal,
): ReturnType<KnowledgeBase['refreshVectorIndex']> {
  const pause = (): Promise<void> =>
    new Promise((resolve, reject) =>
      setImmediate(() =>
        signal?.aborted === true
          ? reject(new ArchonError(ErrorCode.Unavailable, 'vector index refresh stopped'))
          : resolve(),
      ),
    );
  return knowledgeBase.refreshVectorIndex({ sliceSize: refreshSliceSize, pause });
}
