/**
 * The contract every embedding model implements: the built-in offline hashing
 * embedder and the OpenAI-compatible HTTP client alike.
 */

/** Options of one embedding call. */
export interface EmbedOptions {
  readonly abortSignal?: AbortSignal;
}

/** Turns texts into dense vectors of a fixed dimension. */
export interface EmbeddingModel {
  /** Stable identity pinned in each knowledge base, e.g. `hash:v1` or `openai:text-embedding-3-small`. */
  readonly id: string;
  readonly dimensions: number;
  /** Largest number of texts the runtime sends in one `doEmbed` call. */
  readonly maxBatchSize: number;
  /**
   * Embeds at most `maxBatchSize` texts, one vector per text, in order.
   * Only the runtime calls this; callers use `embedAll` from `knowledge/embed`.
   */
  doEmbed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

/** What a knowledge base pins at creation: which model made its vectors. */
export interface EmbeddingSpec {
  readonly modelId: string;
  readonly dimensions: number;
}
