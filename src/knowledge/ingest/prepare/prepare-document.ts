/**
 * Turns one loaded document into what the store writes: its chunks, each with its
 * lexical fields and its vector. The same function runs in the ingest process and
 * in a preparation worker, so both produce identical chunks.
 */
import type { EmbeddingModel } from '../../../core/embedding-model.js';
import type { ChunkWrite } from '../../../core/knowledge-store.js';
import { chunkDocument, type ChunkOptions } from '../../chunk/chunk-document.js';
import { embedAll } from '../../embed/embed-all.js';
import { type ChunkTextParts, embeddingTextOf, lexicalFieldsOf } from '../chunk-texts.js';
import type { LoadedDocument } from '../loaded-document.js';

/** The parts of a loaded document that preparation reads. */
export type DocumentToPrepare = Pick<LoadedDocument, 'text' | 'format' | 'language' | 'title'>;

/** Options of {@link prepareDocument}. */
export interface PrepareOptions {
  readonly embedder: EmbeddingModel;
  readonly chunking?: ChunkOptions;
  readonly embeddingConcurrency?: number;
  readonly abortSignal?: AbortSignal;
}

/** Chunks, tokenizes and embeds `document`. */
export async function prepareDocument(
  document: DocumentToPrepare,
  options: PrepareOptions,
): Promise<ChunkWrite[]> {
  const drafts = chunkDocument(
    {
      text: document.text,
      format: document.format,
      language: document.language,
      title: document.title,
    },
    options.chunking,
  );
  // Just the fields embedding and lexical text read, in one object shape for every chunk.
  const parts: ChunkTextParts[] = drafts.map((draft) => ({
    title: document.title,
    headingPath: draft.headingPath,
    context: draft.context,
    text: draft.text,
  }));
  const vectors = await embedAll(options.embedder, parts.map(embeddingTextOf), {
    concurrency: options.embeddingConcurrency,
    abortSignal: options.abortSignal,
  });
  return drafts.map((draft, index) => ({
    draft,
    lexical: lexicalFieldsOf(parts[index] as ChunkTextParts),
    vector: vectors[index] as Float32Array,
  }));
}
