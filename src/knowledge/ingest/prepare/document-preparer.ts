/**
 * Where ingest's CPU work happens. Preparing a document (chunk, tokenize, embed)
 * and writing it are independent, so a preparer may run on another thread while
 * the ingest loop writes the previous document. A preparer can also load a file
 * first (read, hash, decode, convert HTML); the worker preparer reads and hashes on the
 * calling thread and moves the bytes to a thread that does the rest.
 */
import type { ChunkWrites } from '../../../core/knowledge-store.js';
import type { FileToLoad } from '../files/walk-items.js';
import type { LoadedDocument, LoadResult } from '../loaded-document.js';
import type { DocumentToPrepare } from './prepare-document.js';

/** A file to load and, when it is a changed document, to prepare. */
export interface FileLoadRequest {
  readonly file: FileToLoad;
  readonly maxFileBytes: number;
  /** The stored hash of the file's document when rewriting it with this hash changes nothing. */
  readonly unchangedHash?: string;
}

/** A loaded document without its text (the writer needs only its chunks). */
export type LoadedDocumentInfo = Omit<LoadedDocument, 'text'>;

/** What loading and preparing a file gave: a document to write, or why there is none. */
export type LoadedAndPrepared =
  | {
      readonly kind: 'document';
      readonly document: LoadedDocumentInfo;
      readonly chunks: ChunkWrites;
    }
  | Exclude<LoadResult, { kind: 'document' }>;

/** Prepares documents for writing; several may be in flight at once. */
export interface DocumentPreparer {
  /** The document's chunks, each with its lexical fields and vector. */
  prepare(document: DocumentToPrepare): Promise<ChunkWrites>;
  /** Loads the file as `loadFile` does; a changed document comes back prepared. */
  loadAndPrepare(request: FileLoadRequest): Promise<LoadedAndPrepared>;
  /**
   * Starts one more worker thread when the preparer has room for one; false when not.
   * For a caller that spends most of its time waiting for prepared documents.
   */
  addWorker?(): boolean;
  /**
   * Raw bytes of files read for requests not answered yet: the ingest loop counts them
   * against what it may hold ahead. Preparers that read a file only when they prepare it
   * hold none.
   */
  bytesInFlight?(): number;
  /** Releases threads; documents still in flight are rejected. Safe to call twice. */
  close(): Promise<void>;
}
