/**
 * Loads the usearch implementation (HNSW graph and exact in-memory scan) on the
 * first vector search, so commands that never search vectors never load it.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { VectorIndexFactory } from './sqlite-hnsw-index.js';

let loading: Promise<VectorIndexFactory> | null = null;

/** The usearch-backed factory, imported once per process. */
export function loadUsearchFactory(): Promise<VectorIndexFactory> {
  loading ??= Promise.all([
    import('../vector/usearch-index.js'),
    import('../vector/exact-vector-set.js'),
    import('../vector/usearch-binding.js'),
  ]).then(
    ([indexModule, exactModule, bindingModule]) => {
      const exactSearch = bindingModule.loadNativeExactSearch();
      return {
        create: (dimensions: number) => indexModule.createUsearchIndex({ dimensions }),
        load: (path: string, dimensions: number) => indexModule.loadUsearchIndex(path, dimensions),
        createExactSet: (dimensions: number) =>
          new exactModule.ExactVectorSet(dimensions, exactSearch),
      };
    },
    (error: unknown) => {
      loading = null;
      throw new ArchonError(ErrorCode.StorageError, 'cannot load the HNSW vector index module', {
        cause: error,
      });
    },
  );
  return loading;
}
