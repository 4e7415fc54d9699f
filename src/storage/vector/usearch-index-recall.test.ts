import { describe, expect, it } from 'vitest';

import { exactTopK } from '../../../bench/lib/exact-top-k.js';
import {
  createGaussianMixture,
  embeddingLikeMixture,
} from '../../../bench/lib/gaussian-mixture.js';
import { recallAtK } from '../../../bench/lib/recall.js';
import { rowOf } from '../../../bench/lib/unit-vectors.js';
import { createUsearchIndex } from './usearch-index.js';

const dimensions = 96;
const count = 4000;
const queryCount = 100;

describe('usearch index recall against exact search', () => {
  // Clustered, embedding-like vectors from a fixed seed, and queries from the same mixture.
  const mixture = createGaussianMixture(embeddingLikeMixture(dimensions, 40, 7));
  const data = mixture.sample(count, 8);
  const queries = mixture.sample(queryCount, 9);
  const truth = Array.from(
    { length: queryCount },
    (_, query) => exactTopK(data, rowOf(queries, query, dimensions), 10).rows,
  );
  const vectors = Array.from({ length: count }, (_, row) => rowOf(data, row, dimensions));
  const ids = vectors.map((_, row) => row);

  it.each(['i8', 'f16'] as const)(
    'reaches recall@10 >= 0.95 with default settings (%s)',
    (quantization) => {
      const index = createUsearchIndex({ dimensions, quantization });
      index.add(ids, vectors);
      const found = Array.from({ length: queryCount }, (_, query) =>
        index.search(rowOf(queries, query, dimensions), 10).map((match) => match.id),
      );
      expect(recallAtK(truth, found, 10)).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('scores a deliberately weak graph below the bar, so the measure can fail', () => {
    const index = createUsearchIndex({
      dimensions,
      connectivity: 4,
      expansionAdd: 10,
      expansionSearch: 10,
    });
    index.add(ids, vectors);
    const found = Array.from({ length: queryCount }, (_, query) =>
      index.search(rowOf(queries, query, dimensions), 10).map((match) => match.id),
    );
    expect(recallAtK(truth, found, 10)).toBeLessThan(0.9);
  });

  it('reports similarities close to the exact cosine', () => {
    const index = createUsearchIndex({ dimensions });
    index.add(ids, vectors);
    const query = rowOf(queries, 0, dimensions);
    const exact = exactTopK(data, query, 1);
    const [best] = index.search(query, 1);
    expect(best?.id).toBe(exact.rows[0]);
    expect(best!.similarity).toBeCloseTo(exact.similarities[0]!, 2);
  });
});
