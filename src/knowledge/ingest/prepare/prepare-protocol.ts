/**
 * Messages between the ingest thread and a preparation worker. Errors cross the
 * thread boundary as their stable code and message, so the caller sees the same
 * ArchonError it would have seen on its own thread.
 */
import type { ChunkWrite } from '../../../core/knowledge-store.js';
import type { ChunkOptions } from '../../chunk/chunk-document.js';
import type { EmbeddingModelConfig } from '../../embed/create-embedding-model.js';
import type { FileLoadRequest, LoadedAndPrepared } from './document-preparer.js';
import type { DocumentToPrepare } from './prepare-document.js';

/** What a worker is started with (its `workerData`). */
export interface PrepareWorkerData {
  readonly embedding: EmbeddingModelConfig;
  readonly chunking?: ChunkOptions;
}

/** A loaded document to prepare, or a file to load and prepare. */
export type PrepareRequest =
  | { readonly id: number; readonly document: DocumentToPrepare }
  | { readonly id: number; readonly load: FileLoadRequest };

/** The worker's answer to one request. */
export type PrepareResponse =
  | { readonly id: number; readonly chunks: ChunkWrite[] }
  | { readonly id: number; readonly loaded: LoadedAndPrepared }
  | { readonly id: number; readonly error: { readonly code: string; readonly message: string } };

/** The distinct buffers behind the chunks' vectors, to move rather than copy them. */
export function vectorBuffers(chunks: readonly ChunkWrite[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const chunk of chunks) buffers.add(chunk.vector.buffer as ArrayBuffer);
  return [...buffers];
}
