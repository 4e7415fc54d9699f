/**
 * The two kinds of vectors the ANN benchmark indexes: a clustered Gaussian
 * mixture shaped like sentence embeddings, and real output of Archon's
 * offline hashing embedder on seeded topic text. Both are deterministic.
 */
import { createHashingEmbedder } from '../../src/knowledge/embed/index.js';
import { type AnnDataset, withGroundTruth } from './ann-dataset.js';
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

/**
 * `size` documents and `queryCount` short queries of topic text, embedded by
 * the hashing embedder (`hash:v2`), with exact top-k.
 */
export async function hashingDataset(
  size: number,
  dimensions: number,
  queryCount: number,
  k: number,
): Promise<AnnDataset> {
  const text = createTopicTextSource({
    topics: clusterCountFor(size),
    wordsPerTopic: 60,
    commonWords: 400,
    seed: 3,
  });
  const embedder = createHashingEmbedder({ dimensions });
  const embed = async (total: number, write: (index: number) => string): Promise<Float32Array> => {
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
  const data = await embed(size, (index) => text.document(index));
  const queries = await embed(queryCount, (index) => text.query(index));
  return withGroundTruth(`hashing-${size}x${dimensions}`, dimensions, data, queries, k);
}
