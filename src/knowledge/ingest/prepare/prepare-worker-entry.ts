/**
 * Entry point of a preparation worker thread: builds the hashing embedder named in its
 * worker data, then prepares each document (or decodes and prepares each file's bytes)
 * it is sent, and posts back the chunks packed into one buffer that is moved, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { ArchonError, ErrorCode, toArchonError } from '../../../core/errors.js';
import { PackedChunks } from '../../../core/packed-chunks.js';
import { createHashingEmbedderFor } from '../../embed/hashing/hashing-embedder.js';
import { documentFromBytes } from '../files/file-loader.js';
import { prepareLoaded } from './load-and-prepare.js';
import { prepareDocument } from './prepare-document.js';
import type { PrepareRequest, PrepareResponse, PrepareWorkerData } from './prepare-protocol.js';

const port = parentPort;
if (port === null) throw new Error('prepare-worker-entry must run in a worker thread');
const data = workerData as PrepareWorkerData;
// Threads prepare for the hashing embedder only (create-document-preparer.ts): network
// embedders wait on their server, not the CPU. Not loading their client (and zod) takes
// about 65 ms off a thread's start-up.
if (data.embedding.provider !== 'hash') {
  throw new ArchonError(
    ErrorCode.Internal,
    `preparation threads run the hashing embedder only, not '${data.embedding.provider}'`,
  );
}
const options = { embedder: createHashingEmbedderFor(data.embedding), chunking: data.chunking };

port.on('message', (request: PrepareRequest) => {
  answer(request).then(
    ({ response, buffer }) => port.postMessage(response, buffer === undefined ? [] : [buffer]),
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

/** The response to `request`, and the buffer to move with it, if any. */
async function answer(
  request: PrepareRequest,
): Promise<{ response: PrepareResponse; buffer?: ArrayBuffer }> {
  if ('document' in request) {
    const { state } = PackedChunks.pack(await prepareDocument(request.document, options));
    return { response: { id: request.id, chunks: state }, buffer: state.buffer };
  }
  const { file, bytes, contentHash } = request.file;
  const loaded = await prepareLoaded(documentFromBytes(file, bytes, contentHash), options);
  if (loaded.kind !== 'document') return { response: { id: request.id, loaded } };
  const { state } = PackedChunks.pack(loaded.chunks);
  const posted = { ...loaded, chunks: state };
  return { response: { id: request.id, loaded: posted }, buffer: state.buffer };
}
