/**
 * The built-in offline embedding model: signed feature hashing of words, word pairs,
 * identifier parts and character n-grams (see docs/decisions/004-embeddings.md). It needs
 * no download and no network, is deterministic across runs and machines, and is fast
 * enough to embed while ingesting at disk speed. It matches wording, not meaning.
 */
import type { EmbeddingModel, EmbedOptions } from '../../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../../core/errors.js';
import { integerOption } from '../option-checks.js';
import { HashingVectorizer } from './hashing-vectorizer.js';

/** Options of {@link createHashingEmbedder}. */
export interface HashingEmbedderOptions {
  /** Length of every vector; 384 unless set. Pinned with the id in a knowledge base. */
  readonly dimensions?: number;
}

/** Id of the hashing embedder. Bump the version whenever the vectors it makes change. */
export const hashingEmbedderId = 'hash:v1';
const defaultDimensions = 384;
const maxBatchSize = 256;

/**
 * Creates the offline hashing embedder (`hash:v1`). Vectors are unit length; texts without
 * letters or digits (the empty string too) map to one fixed feature of their raw text.
 */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): EmbeddingModel {
  const dimensions = integerOption(
    'hashing embedder dimensions',
    options.dimensions ?? defaultDimensions,
    8,
    65_536,
  );
  const vectorizer = new HashingVectorizer(dimensions);
  return {
    id: hashingEmbedderId,
    dimensions,
    maxBatchSize,
    doEmbed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<Float32Array[]> {
      try {
        return Promise.resolve(embedBatch(vectorizer, texts, embedOptions.abortSignal));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };
}

function embedBatch(
  vectorizer: HashingVectorizer,
  texts: readonly string[],
  abortSignal: AbortSignal | undefined,
): Float32Array[] {
  if (texts.length > maxBatchSize) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `hash:v1 embeds at most ${maxBatchSize} texts per call, got ${texts.length}`,
    );
  }
  const vectors: Float32Array[] = [];
  for (const [index, text] of texts.entries()) {
    if (abortSignal?.aborted) {
      throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled');
    }
    if (typeof text !== 'string') {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `text ${index} to embed is a ${typeof text}, not a string`,
      );
    }
    vectors.push(vectorizer.vectorize(text));
  }
  return vectors;
}
