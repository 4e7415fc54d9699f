/**
 * What the knowledge layer hands a store for each chunk: the chunk itself, its
 * lexical fields and its vector.
 */
import type { ChunkDraft } from './knowledge-types.js';

/** Terms of a chunk's searchable fields, already tokenized by the knowledge layer. */
export interface LexicalFields {
  readonly title: string;
  readonly headings: string;
  readonly body: string;
}

/** A chunk to store: its draft, its lexical fields and its vector. */
export interface ChunkWrite {
  readonly draft: ChunkDraft;
  readonly lexical: LexicalFields;
  readonly vector: Float32Array;
}
