/**
 * Default settings of the usearch HNSW index, chosen by measurement (see
 * docs/decisions/005-vector-index.md and bench/RESULTS.md): recall@10 of at
 * least 0.95 on clustered 384-dimensional vectors up to 1M, and under 1 GB
 * of memory at 1M vectors.
 */

/** Graph and quantization settings used when a caller does not choose. */
export const usearchDefaults = {
  /**
   * Neighbours per node on upper levels (twice that on the base level); hnswlib
   * calls it M. 16 lost recall on clustered data at 1M (0.88 at expansionSearch 64);
   * 32 keeps it at 0.96 for about 128 more bytes per vector.
   */
  connectivity: 32,
  /**
   * Candidate list size while inserting; larger builds a better graph, slower. 64
   * costs 2.3 to 2.8 times less CPU per vector than 128 and kept recall@10 at
   * 0.96 (hashing) and 0.99 (clustered) at 50k with expansionSearch 128
   * (bench/hnsw-build.ts).
   */
  expansionAdd: 64,
  /**
   * Candidate list size while searching (raised to `limit` when smaller). 64 left
   * recall@10 at 0.95 on hashing-embedder vectors at 100k; 128 gives 0.97 there
   * for about 0.1 ms more per query.
   */
  expansionSearch: 128,
  /** int8 with a per-vector scale: 1 byte per dimension, recall close to f32. */
  quantization: 'i8',
} as const;
