/**
 * Where ingest's CPU work happens. Preparing a document (chunk, tokenize, embed)
 * and writing it are independent, so a preparer may run on another thread while
 * the ingest loop writes the previous document.
 */
import type { ChunkWrite } from '../../../core/knowledge-store.js';
import type { DocumentToPrepare } from './prepare-document.js';

/** Prepares documents for writing; several may be in flight at once. */
export interface DocumentPreparer {
  /** The document's chunks, each with its lexical fields and vector. */
  prepare(document: DocumentToPrepare): Promise<ChunkWrite[]>;
  /** Releases threads; documents still in flight are rejected. Safe to call twice. */
  close(): Promise<void>;
}
