/**
 * Keeps the vector search structures of one connection in step with the vectors
 * in SQLite: a usearch HNSW graph (derived data, saved beside the database) plus
 * the "delta", an in-memory exact set of the vectors the graph does not hold yet.
 * A search asks both and merges, so an index that lags the store stays correct.
 * Before each search the connection catches up with the change log: new vectors
 * go to the delta, removed ones leave the delta or become tombstones of the
 * graph. The delta is added to the graph (extended, not rebuilt) when it reaches
 * the HNSW threshold or when asked (`refresh`, in slices if the caller wants to
 * keep an event loop free). Below the threshold every vector stays in the delta
 * and the graph stays empty: that is the exact search of small bases.
 *
 * The graph is rebuilt from the table when its file is missing, corrupt, not the
 * file the database recorded, from another embedding generation, when its size
 * disagrees with the table, or when tombstones pass a quarter of it. A connection
 * whose base is below its own threshold never searches a graph (one saved by a
 * connection with a lower threshold is left alone): its answers stay exact. It is saved
 * only when the delta is empty, so a saved file always reflects its log position.
 * Deleted vectors are never removed from usearch (see key-table.ts).
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import type { VectorIndexRefreshOptions } from '../../core/knowledge-store.js';
import type { VectorIndex, VectorMatch } from '../../core/vector-index.js';
import type { ExactVectorSet } from '../vector/exact-vector-set.js';
import { fingerprintOf, removeIndexFile, saveIndexFile } from './hnsw-index-file.js';
import { readCounter } from './sqlite-counters.js';
import { readEmbeddingGeneration } from './sqlite-embedding-spec.js';
import {
  claimHnswState,
  type HnswDelta,
  type HnswState,
  iterateVectors,
  lastIssuedSeq,
  readHnswDelta,
  readSavedIndex,
  recordHnswSave,
} from './sqlite-hnsw-state.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** How the store makes and loads indexes; the usearch implementation by default. */
export interface VectorIndexFactory {
  create(dimensions: number): VectorIndex;
  load(path: string, dimensions: number): VectorIndex;
  createExactSet(dimensions: number): ExactVectorSet;
}

interface LiveIndex {
  readonly index: VectorIndex;
  /** Vectors not in `index` yet, searched exactly. */
  readonly delta: ExactVectorSet;
  readonly generation: number;
  readonly tombstones: Set<number>;
  appliedSeq: number;
  /** Changes applied since the last save; null when never saved. */
  unsavedChanges: number | null;
}

const buildPageSize = 10_000;
const syncAttempts = 3;
/** Share of tombstoned entries from which the index is rebuilt compact. */
const compactAbove = 0.25;

/** The vector search side of one store connection. */
export class SqliteHnswIndex {
  private live: LiveIndex | null = null;
  private factory: VectorIndexFactory | null = null;

  /**
   * @param threshold vectors from which the graph is used; also the delta size at
   *   which a search extends the graph itself instead of waiting for a refresh.
   */
  constructor(
    private readonly statements: SqliteStatements,
    private readonly path: string | null,
    private readonly threshold: number,
    private readonly saveEvery = 1_000,
  ) {}

  /** True once {@link useFactory} was called; searches before that report null. */
  get ready(): boolean {
    return this.factory !== null;
  }

  /** Supplies the index implementation (loaded lazily, on the first vector search). */
  useFactory(factory: VectorIndexFactory): void {
    this.factory = factory;
  }

  /**
   * Catches up with the store and adds the whole delta to the graph when the base
   * is at or above the threshold, then saves. Returns the search mode, or null
   * when no index could be made.
   */
  async refresh(
    spec: EmbeddingSpec,
    options: VectorIndexRefreshOptions = {},
  ): Promise<'exact' | 'hnsw' | null> {
    for (;;) {
      const live = this.synced(spec, false);
      if (live === null) return null;
      const total = live.index.size - live.tombstones.size + live.delta.size;
      if (total < this.threshold) return 'exact';
      if (live.delta.size === 0) {
        if (live.unsavedChanges !== 0) this.save(live);
        return 'hnsw';
      }
      this.extend(live, options.sliceSize ?? live.delta.size);
      if (options.pause !== undefined) await options.pause();
    }
  }

  /**
   * Top matches over every committed vector: the graph's (without tombstones) and
   * the delta's, merged. Null if no index could be made, or when `selective` and
   * the graph holds vectors (the caller then scans just the allowed ids).
   */
  search(
    spec: EmbeddingSpec,
    vector: Float32Array,
    limit: number,
    accept?: (id: number) => boolean,
    selective = false,
  ): VectorMatch[] | null {
    const live = this.synced(spec, true);
    if (live === null) return null;
    const { index, tombstones, delta } = live;
    const fromDelta = delta.search(vector, limit, accept);
    if (index.size === tombstones.size) return fromDelta;
    if (selective) return null;
    const acceptLive =
      tombstones.size === 0
        ? accept
        : (id: number) => !tombstones.has(id) && (accept === undefined || accept(id));
    const fromGraph = index.search(vector, limit, acceptLive);
    if (fromDelta.length === 0) return fromGraph;
    return [...fromGraph, ...fromDelta]
      .sort((left, right) => right.similarity - left.similarity)
      .slice(0, limit);
  }

  /** Forgets the in-memory index and deletes its file (after a reset). */
  forget(): void {
    this.live = null;
    if (this.path !== null) removeIndexFile(this.path);
  }

  /** Saves unsaved changes; a failure only costs a longer catch-up at the next open. */
  close(): void {
    try {
      const live = this.live;
      if (live !== null && live.unsavedChanges !== 0 && this.savable(live)) this.save(live);
    } catch {
      // The change log still holds what the file lacks.
    }
    this.live = null;
  }

  private synced(spec: EmbeddingSpec, extendWhenLarge: boolean): LiveIndex | null {
    const factory = this.factory;
    if (factory === null) return null;
    const generation = readEmbeddingGeneration(this.statements);
    let saved = readSavedIndex(this.statements);
    if (saved.state === null || saved.state.generation !== generation) {
      this.live = null;
      saved = { state: claimHnswState(this.statements, generation), tombstones: new Set() };
    }
    let state: HnswState = saved.state as HnswState;
    let forceBuild = false;
    for (let attempt = 0; attempt < syncAttempts; attempt += 1) {
      const live = this.obtainLive(factory, state, generation, spec, forceBuild);
      const delta = readHnswDelta(this.statements, live.appliedSeq);
      if (delta.state === null || delta.state.generation !== generation) return null;
      if (delta.state.changeSeq > live.appliedSeq) {
        // Another process saved a newer file and may have pruned entries we need.
        this.live = null;
        state = delta.state;
        continue;
      }
      if (!applyDelta(live, delta)) {
        forceBuild = true;
        continue;
      }
      const { index, tombstones } = live;
      const consistent = index.size - tombstones.size + live.delta.size === delta.vectorCount;
      // Below this connection's threshold the search is exact, even when another
      // connection (with a lower threshold) saved a graph or this one's base shrank.
      const graphBelowThreshold = index.size > 0 && delta.vectorCount < this.threshold;
      if (!consistent || tombstones.size > compactAbove * index.size || graphBelowThreshold) {
        forceBuild = true;
        continue;
      }
      if (extendWhenLarge && live.delta.size >= this.threshold) {
        this.extend(live, live.delta.size);
      } else if (this.savable(live)) {
        if (live.unsavedChanges === null || live.unsavedChanges >= this.saveEvery) this.save(live);
      }
      return live;
    }
    this.live = null;
    return null;
  }

  private obtainLive(
    factory: VectorIndexFactory,
    state: HnswState,
    generation: number,
    spec: EmbeddingSpec,
    forceBuild: boolean,
  ): LiveIndex {
    const current = this.live;
    if (
      !forceBuild &&
      current !== null &&
      current.generation === generation &&
      current.appliedSeq >= state.changeSeq
    ) {
      return current;
    }
    const live =
      (forceBuild ? null : this.loadFile(factory, state, spec)) ??
      this.build(factory, generation, spec);
    this.live = live;
    return live;
  }

  private loadFile(
    factory: VectorIndexFactory,
    expected: HnswState,
    spec: EmbeddingSpec,
  ): LiveIndex | null {
    if (this.path === null) return null;
    const { state, tombstones } = readSavedIndex(this.statements);
    if (state === null || state.fileFingerprint === null) return null;
    if (state.generation !== expected.generation) return null;
    if (fingerprintOf(this.path) !== state.fileFingerprint) return null;
    try {
      const index = factory.load(this.path, spec.dimensions);
      if (index.dimensions !== spec.dimensions) return null;
      // Another process may have renamed a newer file in while it was read.
      if (fingerprintOf(this.path) !== state.fileFingerprint) return null;
      return {
        index,
        delta: factory.createExactSet(spec.dimensions),
        generation: state.generation,
        tombstones,
        appliedSeq: state.changeSeq,
        unsavedChanges: 0,
      };
    } catch {
      return null;
    }
  }

  /** Reads every vector in one snapshot: into the graph at or above the threshold, else the delta. */
  private build(factory: VectorIndexFactory, generation: number, spec: EmbeddingSpec): LiveIndex {
    const index = factory.create(spec.dimensions);
    const delta = factory.createExactSet(spec.dimensions);
    const appliedSeq = this.statements.read(() => {
      const seq = lastIssuedSeq(this.statements);
      const intoGraph = readCounter(this.statements, 'embeddings') >= this.threshold;
      for (const page of iterateVectors(this.statements, buildPageSize)) {
        if (intoGraph) index.add(page.ids, page.vectors);
        else page.ids.forEach((id, row) => delta.set(id, page.vectors[row]!));
      }
      return seq;
    });
    return { index, delta, generation, tombstones: new Set(), appliedSeq, unsavedChanges: null };
  }

  /** Moves up to `count` vectors from the delta into the graph; saves once the delta is empty. */
  private extend(live: LiveIndex, count: number): void {
    const { ids, vectors } = live.delta.take(count);
    live.index.add(ids, vectors);
    for (const id of ids) live.delta.delete(id);
    if (live.unsavedChanges !== null) live.unsavedChanges += ids.length;
    if (live.delta.size === 0) this.save(live);
  }

  /** A file holds the graph only, so it may be saved only when nothing waits in the delta. */
  private savable(live: LiveIndex): boolean {
    return live.delta.size === 0 || live.index.size === 0;
  }

  /**
   * Records the log position the graph reflects and prunes the log. An empty graph
   * is recorded without a file: other connections then read the table instead.
   */
  private save(live: LiveIndex): void {
    live.unsavedChanges = 0;
    if (live.index.size === 0 && this.graphInUseElsewhere()) return;
    let fileFingerprint: string | null = null;
    if (this.path !== null) {
      if (live.index.size > 0) fileFingerprint = saveIndexFile(live.index, this.path);
      else removeIndexFile(this.path);
    }
    recordHnswSave(
      this.statements,
      { generation: live.generation, changeSeq: live.appliedSeq, fileFingerprint },
      live.tombstones,
    );
  }

  /**
   * Whether a saved graph was kept up to date recently (within a threshold's worth
   * of changes): a connection configured with a higher threshold must not drop a
   * graph that others use. One left unsynced for longer is dropped, so a shrunken
   * base stops growing the change log.
   */
  private graphInUseElsewhere(): boolean {
    const { state } = readSavedIndex(this.statements);
    if (state === null || state.fileFingerprint === null) return false;
    return lastIssuedSeq(this.statements) - state.changeSeq <= this.threshold;
  }
}

/** Applies logged changes to the delta and the tombstones; false when only a rebuild can. */
function applyDelta(live: LiveIndex, delta: HnswDelta): boolean {
  const { delta: exact, tombstones } = live;
  for (const [row, id] of delta.updated.ids.entries()) {
    if (!exact.has(id)) return false;
    exact.set(id, delta.updated.vectors[row]!);
  }
  delta.added.ids.forEach((id, row) => exact.set(id, delta.added.vectors[row]!));
  for (const id of delta.deleted) {
    if (!exact.delete(id)) tombstones.add(id);
  }
  live.appliedSeq = delta.changeSeq;
  if (live.unsavedChanges !== null) {
    live.unsavedChanges += delta.added.ids.length + delta.deleted.length + delta.updated.ids.length;
  }
  return true;
}
