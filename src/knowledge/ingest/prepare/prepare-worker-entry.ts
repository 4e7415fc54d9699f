/**
 * Entry point of a preparation worker thread: builds the embedder named in its
 * worker data, then prepares each document it is sent, one at a time, and posts
 * back the chunks with their vector buffers moved, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toArchonError } from '../../../core/errors.js';
import { createEmbeddingModel } from '../../embed/create-embedding-model.js';
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
const embedder = createEmbeddingModel(data.embedding);

port.on('message', (request: PrepareRequest) => {
  prepareDocument(request.document, { embedder, chunking: data.chunking }).then(
    (chunks) => {
      const response: PrepareResponse = { id: request.id, chunks };
      port.postMessage(response, vectorBuffers(chunks));
    },
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
