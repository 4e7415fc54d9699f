/**
 * Messages between the ingest thread and a preparation worker. Errors cross the
 * thread boundary as their stable code and message, so the caller sees the same
 * ArchonError it would have seen on its own thread.
 */
import type { PackedChunksState } from '../../../core/packed-chunks.js';
import type { ChunkOptions } from '../../chunk/chunk-document.js';
import type { EmbeddingModelConfig } from '../../embed/create-embedding-model.js';
import type { FileToLoad } from '../files/walk-items.js';
import type { LoadedAndPrepared } from './document-preparer.js';
import type { DocumentToPrepare } from './prepare-document.js';

/** What a worker is started with (its `workerData`). */
export interface PrepareWorkerData {
  readonly embedding: EmbeddingModelConfig;
  readonly chunking?: ChunkOptions;
}

/** A file's raw bytes, read and hashed by the ingest thread, to decode and prepare. */
export interface FileBytesToPrepare {
  readonly file: FileToLoad;
  /** Moved with the request (its buffer is in the transfer list), not copied. */
  readonly bytes: Uint8Array;
  readonly contentHash: string;
}

/** A loaded document to prepare, or a file's bytes to decode and prepare. */
export type PrepareRequest =
  | { readonly id: number; readonly document: DocumentToPrepare }
  | { readonly id: number; readonly file: FileBytesToPrepare };

/** A load result as it crosses the thread boundary: a document's chunks packed. */
export type PostedLoadResult =
  | (Omit<Extract<LoadedAndPrepared, { kind: 'document' }>, 'chunks'> & {
      readonly chunks: PackedChunksState;
    })
  | Exclude<LoadedAndPrepared, { kind: 'document' }>;

/**
 * The worker's answer to one request. Chunks travel packed (`PackedChunks.state`), with
 * their buffer moved, not copied: one buffer instead of thousands of strings to clone.
 */
export type PrepareResponse =
  | { readonly id: number; readonly chunks: PackedChunksState }
  | { readonly id: number; readonly loaded: PostedLoadResult }
  | { readonly id: number; readonly error: { readonly code: string; readonly message: string } };
