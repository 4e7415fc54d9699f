/**
 * Synthetic "embedding-like" vectors: a seeded mixture of Gaussian clusters on
 * the unit sphere. Real text embeddings are clustered by topic, topics are
 * related to each other, and points vary along few directions per topic (low
 * intrinsic dimension). Isotropic noise in 384 dimensions would be far harder
 * than real data and uniform random vectors far easier to misjudge, so the
 * mixture models all three traits with explicit, documented knobs.
 */
import { createGaussianSource, createSeededRandom, type RandomSource } from './seeded-random.js';
import { normalizeRow } from './unit-vectors.js';

/** Shape of the mixture. Every field changes the difficulty; keep them in results. */
export interface GaussianMixtureOptions {
  readonly dimensions: number;
  /** Number of clusters ("topics"); they are grouped under about sqrt(clusters) parent topics. */
  readonly clusters: number;
  /** Directions of variation private to each cluster; 0 gives isotropic clusters. */
  readonly subspaceRank: number;
  /** Length of a point's deviation from its unit-length cluster center. */
  readonly spread: number;
  /** Part of the deviation's variance that is isotropic noise, in [0, 1]. */
  readonly isotropicShare: number;
  /** Seed of the mixture itself (centers, subspaces, cluster weights). */
  readonly seed: number;
}

/** A fixed mixture that can draw any number of unit vectors. */
export interface GaussianMixture {
  readonly options: GaussianMixtureOptions;
  /** `count` unit vectors as one flat row-major matrix; the same seed gives the same rows. */
  sample(count: number, seed: number): Float32Array;
}

/** Sensible defaults for sentence-embedding-like data of `dimensions` dimensions. */
export function embeddingLikeMixture(
  dimensions: number,
  clusters: number,
  seed = 1,
): GaussianMixtureOptions {
  return { dimensions, clusters, subspaceRank: 16, spread: 0.9, isotropicShare: 0.35, seed };
}

/** Builds the mixture: centers, per-cluster subspaces and cluster weights. */
export function createGaussianMixture(options: GaussianMixtureOptions): GaussianMixture {
  const { dimensions, clusters, subspaceRank } = options;
  const random = createSeededRandom(options.seed);
  const gaussian = createGaussianSource(random);
  const centers = drawCenters(dimensions, clusters, gaussian);
  const bases = new Float32Array(clusters * subspaceRank * dimensions);
  for (let index = 0; index < bases.length; index++) bases[index] = gaussian();
  for (let row = 0; row < clusters * subspaceRank; row++) normalizeRow(bases, row, dimensions);
  const cumulativeWeights = drawClusterWeights(clusters, random);
  // Decaying variance along the subspace directions, scaled to unit total.
  const decay = Array.from({ length: subspaceRank }, (_, rank) => 1 / Math.sqrt(rank + 1));
  const decayNorm = Math.sqrt(decay.reduce((sum, value) => sum + value * value, 0)) || 1;
  const subspaceScale = (options.spread * Math.sqrt(1 - options.isotropicShare)) / decayNorm;
  const isotropicScale =
    (options.spread * Math.sqrt(options.isotropicShare)) / Math.sqrt(dimensions);

  const sample = (count: number, seed: number): Float32Array => {
    const pointRandom = createSeededRandom(seed);
    const pointGaussian = createGaussianSource(pointRandom);
    const output = new Float32Array(count * dimensions);
    const coefficients = new Float64Array(subspaceRank);
    for (let row = 0; row < count; row++) {
      const cluster = pickCluster(cumulativeWeights, pointRandom());
      const start = row * dimensions;
      output.set(centers.subarray(cluster * dimensions, (cluster + 1) * dimensions), start);
      for (let rank = 0; rank < subspaceRank; rank++) {
        coefficients[rank] = pointGaussian() * decay[rank]! * subspaceScale;
      }
      for (let rank = 0; rank < subspaceRank; rank++) {
        const coefficient = coefficients[rank]!;
        const basisStart = (cluster * subspaceRank + rank) * dimensions;
        for (let column = 0; column < dimensions; column++) {
          output[start + column]! += coefficient * bases[basisStart + column]!;
        }
      }
      for (let column = 0; column < dimensions; column++) {
        output[start + column]! += pointGaussian() * isotropicScale;
      }
      normalizeRow(output, row, dimensions);
    }
    return output;
  };
  return { options, sample };
}

/** Parent topics on the sphere, and clusters scattered around their parent. */
function drawCenters(dimensions: number, clusters: number, gaussian: () => number): Float32Array {
  const parents = Math.max(1, Math.round(Math.sqrt(clusters)));
  const parentCenters = new Float32Array(parents * dimensions);
  for (let index = 0; index < parentCenters.length; index++) parentCenters[index] = gaussian();
  for (let row = 0; row < parents; row++) normalizeRow(parentCenters, row, dimensions);
  const centers = new Float32Array(clusters * dimensions);
  const childScale = 1 / Math.sqrt(dimensions);
  for (let row = 0; row < clusters; row++) {
    const parentStart = (row % parents) * dimensions;
    for (let column = 0; column < dimensions; column++) {
      centers[row * dimensions + column] =
        parentCenters[parentStart + column]! + gaussian() * childScale;
    }
    normalizeRow(centers, row, dimensions);
  }
  return centers;
}

/** Uneven cluster sizes (some topics are popular), as a cumulative distribution. */
function drawClusterWeights(clusters: number, random: RandomSource): Float64Array {
  const cumulative = new Float64Array(clusters);
  let total = 0;
  for (let index = 0; index < clusters; index++) {
    total += 0.2 + random() * random() * 4;
    cumulative[index] = total;
  }
  for (let index = 0; index < clusters; index++) cumulative[index]! /= total;
  return cumulative;
}

function pickCluster(cumulative: Float64Array, uniform: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! < uniform) low = middle + 1;
    else high = middle;
  }
  return low;
}
