/**
 * The built-in offline embedding model: signed feature hashing of words, word pairs,
 * identifier parts and character n-grams (see docs/decisions/004-embeddings.md). It needs
 * no download and no network, is deterministic across runs and machines, and is fast
 * enough to embed while ingesting at disk speed. It matches wording, not meaning.
 */
import type { EmbeddingModel, EmbedOptions } from '../../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../../core/errors.js';
import { integerOption } from '../option-checks.js';
import { HashingVectorizer, type HashingVersion } from './hashing-vectorizer.js';

/** Options of {@link createHashingEmbedder}. */
export interface HashingEmbedderOptions {
  /** Length of every vector; 384 unless set. Pinned with the id in a knowledge base. */
  readonly dimensions?: number;
  /** Which vectors: the latest (`hash:v2`) unless set; a knowledge base pins its id. */
  readonly id?: HashingEmbedderId;
}

/** Ids of the hashing embedder's versions. A new version whenever the vectors change. */
export const hashingEmbedderIds = ['hash:v1', 'hash:v2'] as const;
/** One of {@link hashingEmbedderIds}. */
export type HashingEmbedderId = (typeof hashingEmbedderIds)[number];
/** Id of the hashing embedder new knowledge bases get. */
export const hashingEmbedderId: HashingEmbedderId = 'hash:v2';
const defaultDimensions = 384;
const maxBatchSize = 256;

/** Whether `id` names a version of the hashing embedder. */
export function isHashingEmbedderId(id: unknown): id is HashingEmbedderId {
  return hashingEmbedderIds.includes(id as HashingEmbedderId);
}

/**
 * The hashing embedder of an `embedding` setting whose provider is `hash`: `model` is its
 * version id, unset for the latest. Building it loads no network client, so a preparation
 * worker that only ever hashes starts without one.
 */
export function createHashingEmbedderFor(config: {
  readonly model?: string;
  readonly dimensions?: number;
}): EmbeddingModel {
  return createHashingEmbedder({
    dimensions: config.dimensions,
    ...(config.model === undefined ? {} : { id: config.model as HashingEmbedderId }),
  });
}

/**
 * Creates the offline hashing embedder (`hash:v2` unless `id` says `hash:v1`). Vectors are
 * unit length; texts without letters or digits (the empty string too) map to one fixed
 * feature of their raw text.
 */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): EmbeddingModel {
  const dimensions = integerOption(
    'hashing embedder dimensions',
    options.dimensions ?? defaultDimensions,
    8,
    65_536,
  );
  const id = options.id ?? hashingEmbedderId;
  if (!isHashingEmbedderId(id)) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `unknown hashing embedder '${String(id)}': use ${hashingEmbedderIds.join(' or ')}`,
    );
  }
  const version: HashingVersion = id === 'hash:v1' ? 1 : 2;
  const vectorizer = new HashingVectorizer(dimensions, version);
  return {
    id,
    dimensions,
    maxBatchSize,
    doEmbed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<Float32Array[]> {
      try {
        return Promise.resolve(embedBatch(id, vectorizer, texts, embedOptions.abortSignal));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };
}

function embedBatch(
  id: HashingEmbedderId,
  vectorizer: HashingVectorizer,
  texts: readonly string[],
  abortSignal: AbortSignal | undefined,
): Float32Array[] {
  if (texts.length > maxBatchSize) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `${id} embeds at most ${maxBatchSize} texts per call, got ${texts.length}`,
    );
  }
  // One buffer for the batch, each vector a view into it: one allocation, not one per text.
  const dimensions = vectorizer.dimensions;
  const rows = new Float32Array(texts.length * dimensions);
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
    const offset = index * dimensions;
    vectors.push(vectorizer.vectorize(text, rows.subarray(offset, offset + dimensions)));
  }
  return vectors;
}
