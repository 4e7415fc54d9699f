/**
 * Entry point of a preparation worker thread: builds the embedder named in its
 * worker data, then prepares each document (or loads and prepares each file) it is
 * sent, and posts back the chunks with their vector buffers moved, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toArchonError } from '../../../core/errors.js';
import type { ChunkWrite } from '../../../core/knowledge-store.js';
import { createEmbeddingModel } from '../../embed/create-embedding-model.js';
import { loadFileSync } from '../files/file-loader.js';
import { loadAndPrepare } from './load-and-prepare.js';
import { prepareDocument } from './prepare-document.js';
import {
  type PrepareRequest,
  type PrepareResponse,
  type PrepareWorkerData,
  vectorBuffers,
} from './prepare-protocol.js';

const port = parentPort;
if (port === null) throw new Error('prepare-worker-entry must run in a worker thread');
const data = workerData as PrepareWorkerData;
const options = { embedder: createEmbeddingModel(data.embedding), chunking: data.chunking };

port.on('message', (request: PrepareRequest) => {
  answer(request).then(
    ({ response, chunks }) => port.postMessage(response, vectorBuffers(chunks)),
    (error: unknown) => {
      const failure = toArchonError(error);
      const response: PrepareResponse = {
        id: request.id,
        error: { code: failure.code, message: failure.message },
      };
      port.postMessage(response);
    },
  );
});

async function answer(
  request: PrepareRequest,
): Promise<{ response: PrepareResponse; chunks: readonly ChunkWrite[] }> {
  if ('document' in request) {
    const chunks = await prepareDocument(request.document, options);
    return { response: { id: request.id, chunks }, chunks };
  }
  // This thread has nothing else to do while a file is read, so it reads without the thread pool.
  const loaded = await loadAndPrepare(request.load, options, loadFileSync);
  const chunks = loaded.kind === 'document' ? loaded.chunks : [];
  return { response: { id: request.id, loaded }, chunks };
}
