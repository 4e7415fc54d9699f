/**
 * Picks where ingest prepares documents. The offline hashing embedder is pure CPU,
 * so once an ingest has prepared enough bytes to pay for starting threads, they start,
 * and the rest goes to them while this thread writes. Until they have loaded their
 * modules (a quarter to half a second for two threads on two cores) this thread goes on
 * preparing, rather than waiting for them; with a threshold of 0, all documents go to the
 * threads and wait for them there. Network embedders wait on their server, not
 * the CPU, and stay on this thread, as do small ingests.
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
  /** Worker threads for CPU-bound embedders; 0 keeps everything on this thread. */
  readonly workerThreads: number;
  /** Bytes prepared on this thread before the workers start (0: all on the workers). */
  readonly workerThresholdBytes: number;
}

/** The preparer for one ingest; see the module header. */
export function createDocumentPreparer(options: DocumentPreparerOptions): DocumentPreparer {
  const local = createInProcessPreparer(options);
  if (options.workerThreads < 1 || options.embedding.provider !== 'hash') return local;
  const workers = createWorkerPreparer({
    embedding: options.embedding,
    chunking: options.chunking,
    threads: options.workerThreads,
  });
  let preparedLocally = 0;
  const countLocal = (bytes: number): void => {
    preparedLocally += bytes;
    if (preparedLocally >= options.workerThresholdBytes) workers.start();
  };
  // With no threshold every document goes to the threads, waiting there while they start.
  const onWorkers = () => options.workerThresholdBytes === 0 || workers.started;
  return {
    prepare(document: DocumentToPrepare) {
      if (onWorkers()) return workers.prepare(document);
      countLocal(document.text.length);
      return local.prepare(document);
    },
    loadAndPrepare(request: FileLoadRequest) {
      if (onWorkers()) return workers.loadAndPrepare(request);
      // Counted once loaded: files already in flight may overshoot the threshold a little.
      return local.loadAndPrepare(request).then((loaded) => {
        if (loaded.kind === 'document') countLocal(loaded.document.bytes);
        return loaded;
      });
    },
    close: () => workers.close(),
  };
}
