/**
 * The kinds of vectors the ANN benchmark indexes: a clustered Gaussian mixture
 * shaped like sentence embeddings, and real output of Archon's offline hashing
 * embedder, on seeded topic text or on real documentation passages. All are
 * deterministic.
 */
import {
  createHashingEmbedder,
  type HashingEmbedderId,
} from '../../src/knowledge/embed/hashing/hashing-embedder.js';
import { embeddingTextOf } from '../../src/knowledge/ingest/chunk-texts.js';
import { type AnnDataset, withGroundTruth } from './ann-dataset.js';
import { benchPassagePool } from './bench-passages.js';
import { createGaussianMixture, embeddingLikeMixture } from './gaussian-mixture.js';
import { createTopicTextSource } from './topic-text.js';

/** Clusters grow with the collection (about 200 vectors per cluster, at least 32). */
export function clusterCountFor(size: number): number {
  return Math.max(32, Math.round(size / 200));
}

/** `size` mixture vectors and `queryCount` held-out queries from the same mixture, with exact top-k. */
export function gaussianDataset(
  size: number,
  dimensions: number,
  queryCount: number,
  k: number,
): AnnDataset {
  const mixture = createGaussianMixture(embeddingLikeMixture(dimensions, clusterCountFor(size), 1));
  const data = mixture.sample(size, 11);
  const queries = mixture.sample(queryCount, 12);
  return withGroundTruth(`gaussian-${size}x${dimensions}`, dimensions, data, queries, k);
}

/** What a dataset of hashing-embedder vectors is asked for. */
export interface EmbeddedDatasetRequest {
  readonly size: number;
  readonly dimensions: number;
  readonly queryCount: number;
  readonly k: number;
  /** The hashing embedder's version; the latest unless set. */
  readonly embedderId?: HashingEmbedderId;
}

/**
 * `size` documents and `queryCount` short queries of topic text, embedded by
 * the hashing embedder, with exact top-k.
 */
export async function hashingDataset(request: EmbeddedDatasetRequest): Promise<AnnDataset> {
  const { size, dimensions, queryCount, k, embedderId } = request;
  const text = createTopicTextSource({
    topics: clusterCountFor(size),
    wordsPerTopic: 60,
    commonWords: 400,
    seed: 3,
  });
  const embed = embedTexts(dimensions, embedderId);
  const data = await embed(size, (index) => text.document(index));
  const queries = await embed(queryCount, (index) => text.query(index));
  return withGroundTruth(`hashing-${size}x${dimensions}`, dimensions, data, queries, k);
}

/**
 * Up to `size` real passages of the bench corpora (the search bench's pool), embedded as
 * ingest embeds chunks, and `queryCount` queries: the first twelve words of passages
 * held out from the data. Pseudo-words built from a few syllables share far more
 * character n-grams than real words do, so this shows the embedder on real text.
 */
export async function passagesDataset(request: EmbeddedDatasetRequest): Promise<AnnDataset> {
  const { size, dimensions, queryCount, k, embedderId } = request;
  const pool = await benchPassagePool();
  const count = Math.min(size, pool.length - queryCount);
  const embed = embedTexts(dimensions, embedderId);
  const passageText = (index: number): string => {
    const passage = pool[index] as (typeof pool)[number];
    return embeddingTextOf({ ...passage, context: '' });
  };
  const data = await embed(count, passageText);
  const queries = await embed(queryCount, (index) =>
    (pool[count + index] as (typeof pool)[number]).text.split(/\s+/).slice(0, 12).join(' '),
  );
  return withGroundTruth(`passages-${count}x${dimensions}`, dimensions, data, queries, k);
}

/** Embeds `total` texts, written on demand, with the hashing embedder into one array. */
function embedTexts(dimensions: number, embedderId: HashingEmbedderId | undefined) {
  const embedder = createHashingEmbedder({ dimensions, ...(embedderId ? { id: embedderId } : {}) });
  return async (total: number, write: (index: number) => string): Promise<Float32Array> => {
    const output = new Float32Array(total * dimensions);
    for (let start = 0; start < total; start += embedder.maxBatchSize) {
      const texts = Array.from(
        { length: Math.min(embedder.maxBatchSize, total - start) },
        (_, offset) => write(start + offset),
      );
      const vectors = await embedder.doEmbed(texts);
      vectors.forEach((vector, offset) => output.set(vector, (start + offset) * dimensions));
    }
    return output;
  };
}
