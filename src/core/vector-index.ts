/**
 * An approximate nearest-neighbour index over unit vectors keyed by chunk id. It is
 * derived data: a store rebuilds it from its vectors when it is missing or stale.
 */

export interface VectorMatch {
  readonly id: number;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  readonly similarity: number;
}

export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  add(ids: readonly number[], vectors: readonly Float32Array[]): void;
  remove(ids: readonly number[]): void;
  /** Top `limit` matches; `accept` filters ids (the index oversamples to fill `limit`). */
  search(vector: Float32Array, limit: number, accept?: (id: number) => boolean): VectorMatch[];
  save(path: string): void;
}
