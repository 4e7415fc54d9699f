/**
 * Picks where ingest prepares documents. The offline hashing embedder is pure CPU, so
 * once an ingest has prepared enough bytes on its own thread to pay for starting
 * threads, the rest goes to worker threads while this thread writes. The threads start
 * once more than one page has come, so they have loaded their modules (a quarter of a
 * second for two threads on two cores) by the time work reaches them; preparing more
 * here instead was slower, since this thread then runs the preparation code cold and
 * compiles it a third time. One thread fewer than allowed starts; the last joins when
 * this thread mostly waits for them (`addWorker`), as it does while HTML is converted
 * (decision 018). Network embedders wait on their server, not the CPU, and stay on this
 * thread, as do small ingests.
 */
import type { EmbeddingModel } from '../../../core/embedding-model.js';
import type { ChunkOptions } from '../../chunk/chunk-document.js';
import type { EmbeddingModelConfig } from '../../embed/create-embedding-model.js';
import type { DocumentPreparer, FileLoadRequest } from './document-preparer.js';
import { createInProcessPreparer } from './in-process-preparer.js';
import type { DocumentToPrepare } from './prepare-document.js';
import { createWorkerPreparer } from './worker-preparer.js';

/** Options of {@link createDocumentPreparer}. */
export interface DocumentPreparerOptions {
  readonly embedder: EmbeddingModel;
  /** The configuration `embedder` was made from, so a worker can make its own. */
  readonly embedding: EmbeddingModelConfig;
  readonly chunking?: ChunkOptions;
  readonly embeddingConcurrency?: number;
  readonly abortSignal?: AbortSignal;
  /**
   * Most worker threads for CPU-bound embedders; 0 keeps everything on this thread. One
   * fewer start, and the last one when `addWorker()` asks for it.
   */
  readonly workerThreads: number;
  /** Bytes prepared on this thread before the rest goes to workers (0: all of it). */
  readonly workerThresholdBytes: number;
}

/** What a file not loaded yet counts toward the threshold: about a documentation page. */
const assumedFileBytes = 16 * 1024;

/** The preparer for one ingest; see the module header. */
export function createDocumentPreparer(options: DocumentPreparerOptions): DocumentPreparer {
  const local = createInProcessPreparer(options);
  if (options.workerThreads < 1 || options.embedding.provider !== 'hash') return local;
  // One thread fewer than allowed at first: the last one comes only when the ingest
  // thread mostly waits for preparation (addWorker), as with HTML conversion.
  const workers = createWorkerPreparer({
    // The version this thread's embedder has, so every thread makes the same vectors.
    embedding: { ...options.embedding, model: options.embedder.id },
    chunking: options.chunking,
    threads: options.workerThreads,
    initialThreads: options.workerThreads - 1,
  });
  let preparedLocally = 0;
  const countLocal = (bytes: number): void => {
    preparedLocally += bytes;
    // More than one page means more may follow: start the threads while this one works.
    if (preparedLocally > assumedFileBytes) workers.start();
  };
  const onWorkers = () => preparedLocally >= options.workerThresholdBytes;
  return {
    prepare(document: DocumentToPrepare) {
      if (onWorkers()) return workers.prepare(document);
      countLocal(document.text.length);
      return local.prepare(document);
    },
    loadAndPrepare(request: FileLoadRequest) {
      if (onWorkers()) return workers.loadAndPrepare(request);
      // Ingest asks for many files before the first one is loaded: each counts as a typical
      // file until it is, then as its real size (nothing when unchanged or skipped).
      countLocal(assumedFileBytes);
      return local.loadAndPrepare(request).then((loaded) => {
        countLocal((loaded.kind === 'document' ? loaded.document.bytes : 0) - assumedFileBytes);
        return loaded;
      });
    },
    addWorker: () => workers.addThread(),
    bytesInFlight: () => workers.bytesInFlight(),
    close: () => workers.close(),
  };
}
