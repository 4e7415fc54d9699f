/**
 * Loads the usearch HNSW implementation on first need. Bases below the HNSW
 * threshold never load the native module, which keeps short CLI runs fast.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { VectorIndexFactory } from './sqlite-hnsw-index.js';

let loading: Promise<VectorIndexFactory> | null = null;

/** The usearch-backed factory, imported once per process. */
export function loadUsearchFactory(): Promise<VectorIndexFactory> {
  loading ??= import('../vector/usearch-index.js').then(
    (module) => ({
      create: (dimensions: number) => module.createUsearchIndex({ dimensions }),
      load: (path: string, dimensions: number) => module.loadUsearchIndex(path, dimensions),
    }),
    (error: unknown) => {
      loading = null;
      throw new ArchonError(ErrorCode.StorageError, 'cannot load the HNSW vector index module', {
        cause: error,
      });
    },
  );
  return loading;
}
