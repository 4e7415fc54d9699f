/**
 * Re-embeds every stored chunk with the configured model: the way out of an
 * EMBEDDING_MISMATCH after the model or its dimension changed.
 */
import type { EmbeddingModel } from '../core/embedding-model.js';
import type { KnowledgeStore } from '../core/knowledge-store.js';
import { embedAll } from './embed/embed-all.js';
import { embeddingTextOf } from './ingest/chunk-texts.js';

export interface ReindexSummary {
  readonly modelId: string;
  readonly dimensions: number;
  readonly chunks: number;
  readonly seconds: number;
}

const pageSize = 512;

/** Replaces the pinned spec, then embeds all chunks page by page. Safe to run again after a crash. */
export async function reindexEmbeddings(options: {
  store: KnowledgeStore;
  embedder: EmbeddingModel;
  concurrency?: number;
  onProgress?: (done: number) => void;
}): Promise<ReindexSummary> {
  const started = performance.now();
  const { store, embedder } = options;
  await store.resetEmbeddings({ modelId: embedder.id, dimensions: embedder.dimensions });
  let afterId = 0;
  let done = 0;
  for (;;) {
    const page = await store.listChunksForEmbedding(afterId, pageSize);
    if (page.length === 0) break;
    const vectors = await embedAll(embedder, page.map(embeddingTextOf), {
      concurrency: options.concurrency,
    });
    await store.writeEmbeddings(
      page.map((chunk, index) => ({ chunkId: chunk.id, vector: vectors[index] as Float32Array })),
    );
    done += page.length;
    afterId = (page[page.length - 1] as { id: number }).id;
    options.onProgress?.(done);
  }
  return {
    modelId: embedder.id,
    dimensions: embedder.dimensions,
    chunks: done,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}
