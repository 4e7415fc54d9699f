/**
 * The native half of the `usearch` package, loaded directly. The package's
 * JavaScript wrapper converts every vector to Float32Array before the native
 * call, so an `i8` index can only receive usearch's own float-to-int8 cast,
 * which scales by the L2 norm and truncates: on 384-dimensional unit vectors
 * that leaves about 3 bits per component and caps recall@10 near 0.94. Calling
 * the binding the wrapper itself uses lets us hand over Int8Array vectors that
 * we quantized with a per-vector scale (see int8-quantization.ts). The version
 * is pinned in package.json; the binding's shape is checked when it loads.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Scalar types a native index stores; `i8` expects Int8Array input. */
export type NativeScalarKind = 'f32' | 'f16' | 'i8';

/**
 * The methods of usearch's native `CompiledIndex` that we rely on. Its `remove`
 * is left out on purpose: see key-table.ts.
 */
export interface NativeIndex {
  add(keys: BigUint64Array, vectors: Float32Array | Int8Array, threads: number): void;
  /** Returns [keys, distances, counts], `k` slots per query. */
  search(
    queries: Float32Array | Int8Array,
    k: number,
    threads: number,
  ): [keys: BigUint64Array, distances: Float32Array, counts: BigUint64Array];
  contains(keys: BigUint64Array): boolean[];
  dimensions(): number;
  size(): number;
  save(path: string): void;
  load(path: string): void;
}

type NativeIndexConstructor = new (
  dimensions: number,
  metric: 'cos',
  quantization: NativeScalarKind,
  connectivity: number,
  expansionAdd: number,
  expansionSearch: number,
  multi: boolean,
) => NativeIndex;

/**
 * usearch's brute-force search over a flat matrix: returns row offsets (not
 * keys), `k` per query. Both arrays must start at their buffer's first byte (the
 * binding ignores `byteOffset`) and `k` must not exceed the row count.
 */
export type NativeExactSearch = (
  dataset: Float32Array | Int8Array,
  queries: Float32Array | Int8Array,
  dimensions: number,
  k: number,
  metric: 'cos',
  threads: number,
) => [offsets: BigUint64Array, distances: Float32Array, counts: BigUint64Array];

let cachedConstructor: NativeIndexConstructor | undefined;
let cachedBinding: Record<string, unknown> | undefined;

/** Creates an empty native cosine index. */
export function createNativeIndex(
  dimensions: number,
  quantization: NativeScalarKind,
  connectivity: number,
  expansionAdd: number,
  expansionSearch: number,
): NativeIndex {
  const NativeIndexClass = loadNativeIndexConstructor();
  return new NativeIndexClass(
    dimensions,
    'cos',
    quantization,
    connectivity,
    expansionAdd,
    expansionSearch,
    false,
  );
}

/** The binding's `exactSearch`; INTERNAL when the installed package lacks it. */
export function loadNativeExactSearch(): NativeExactSearch {
  const binding = loadBinding();
  const candidate = binding.exactSearch as NativeExactSearch | undefined;
  if (typeof candidate !== 'function') {
    throw new ArchonError(ErrorCode.Internal, 'the installed usearch package has no exactSearch');
  }
  return candidate;
}

function loadBinding(): Record<string, unknown> {
  if (cachedBinding !== undefined) return cachedBinding;
  const localRequire = createRequire(import.meta.url);
  // The entry point lives in <package>/javascript/dist/<format>/usearch.js.
  const packageRoot = resolve(dirname(localRequire.resolve('usearch')), '..', '..', '..');
  const packageRequire = createRequire(resolve(packageRoot, 'package.json'));
  const loadPrebuilt = packageRequire('node-gyp-build') as (
    root: string,
  ) => Record<string, unknown>;
  cachedBinding = loadPrebuilt(packageRoot);
  return cachedBinding;
}

function loadNativeIndexConstructor(): NativeIndexConstructor {
  if (cachedConstructor !== undefined) return cachedConstructor;
  const binding = loadBinding();
  const candidate = binding.CompiledIndex as NativeIndexConstructor | undefined;
  const methods = ['add', 'search', 'contains', 'dimensions', 'size', 'save', 'load'];
  if (
    typeof candidate !== 'function' ||
    methods.some((name) => typeof candidate.prototype[name] !== 'function')
  ) {
    throw new ArchonError(
      ErrorCode.Internal,
      'the installed usearch package has an unexpected native interface',
      {
        details: { methods },
      },
    );
  }
  cachedConstructor = candidate;
  return candidate;
}
