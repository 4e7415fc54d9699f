/**
 * Keeps an in-memory HNSW index in step with the vectors in SQLite. The index is
 * derived data: before each search it catches up with the change log, and it is
 * rebuilt from the table when its file is missing, corrupt, not the file the
 * database recorded, from another embedding generation, or when its size
 * disagrees with the table. It is saved beside the database after a build and
 * then every `saveEvery` changes, so a restart loads it instead of rebuilding.
 *
 * Deleted vectors are never removed from the index: they become tombstones that
 * searches skip, saved in SQL with the file. usearch 2.25 corrupts memory or
 * hangs when entries are removed and others added or loaded afterwards, and
 * chunk ids are never reused, so an index that only grows is both safe and
 * enough. When tombstones pass a quarter of the entries, the index is rebuilt.
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import type { VectorIndex, VectorMatch } from '../../core/vector-index.js';
import { fingerprintOf, removeIndexFile, saveIndexFile } from './hnsw-index-file.js';
import { readEmbeddingGeneration } from './sqlite-embedding-spec.js';
import {
  claimHnswState,
  dropHnswState,
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
}

interface LiveIndex {
  readonly index: VectorIndex;
  readonly generation: number;
  readonly tombstones: Set<number>;
  appliedSeq: number;
  /** Changes applied since the last save; null when never saved. */
  unsavedChanges: number | null;
}

const buildPageSize = 1_024;
const syncAttempts = 3;
/** Share of tombstoned entries from which the index is rebuilt compact. */
const compactAbove = 0.25;

/** The HNSW side of one store connection. */
export class SqliteHnswIndex {
  private live: LiveIndex | null = null;
  private factory: VectorIndexFactory | null = null;

  constructor(
    private readonly statements: SqliteStatements,
    private readonly path: string | null,
    private readonly saveEvery = 1_000,
  ) {}

  /** True once {@link useFactory} was called; searches before that report null. */
  get ready(): boolean {
    return this.factory !== null;
  }

  /** Supplies the index implementation (loaded lazily: small stores never load it). */
  useFactory(factory: VectorIndexFactory): void {
    this.factory = factory;
  }

  /** Builds, loads or catches up the index now, so that no search has to; false if it could not. */
  prepare(spec: EmbeddingSpec): boolean {
    return this.synced(spec) !== null;
  }

  /** Top matches from an index that reflects every committed vector; null if none could be made. */
  search(
    spec: EmbeddingSpec,
    vector: Float32Array,
    limit: number,
    accept?: (id: number) => boolean,
  ): VectorMatch[] | null {
    const live = this.synced(spec);
    if (live === null) return null;
    const { tombstones } = live;
    if (tombstones.size === 0) return live.index.search(vector, limit, accept);
    const acceptLive =
      accept === undefined
        ? (id: number) => !tombstones.has(id)
        : (id: number) => !tombstones.has(id) && accept(id);
    return live.index.search(vector, limit, acceptLive);
  }

  /**
   * Stops maintaining the index once nobody uses it: called on the exact path, it
   * drops the index when more than `unusedAfter` vector changes went by without
   * any connection syncing it, so a shrunken base stops growing the change log.
   */
  releaseIfUnused(unusedAfter: number): void {
    const { state } = readSavedIndex(this.statements);
    if (state === null) return;
    if (lastIssuedSeq(this.statements) - state.changeSeq <= unusedAfter) return;
    dropHnswState(this.statements);
    this.forget();
  }

  /** Forgets the in-memory index and deletes its file (after a reset or a release). */
  forget(): void {
    this.live = null;
    if (this.path !== null) removeIndexFile(this.path);
  }

  /** Saves unsaved changes; a failure only costs a longer catch-up at the next open. */
  close(): void {
    try {
      if (this.live !== null && this.live.unsavedChanges !== 0) this.save(this.live);
    } catch {
      // The change log still holds what the file lacks.
    }
    this.live = null;
  }

  private synced(spec: EmbeddingSpec): LiveIndex | null {
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
      const { index, tombstones } = live;
      if (delta.state.changeSeq > live.appliedSeq) {
        // Another process saved a newer file and may have pruned entries we need.
        this.live = null;
        state = delta.state;
        continue;
      }
      if (delta.replaced) {
        forceBuild = true;
        continue;
      }
      if (delta.added.ids.length > 0) index.add(delta.added.ids, delta.added.vectors);
      for (const id of delta.deleted) tombstones.add(id);
      live.appliedSeq = delta.changeSeq;
      if (live.unsavedChanges !== null) {
        live.unsavedChanges += delta.added.ids.length + delta.deleted.length;
      }
      const consistent = index.size - tombstones.size === delta.vectorCount;
      if (!consistent || tombstones.size > compactAbove * index.size) {
        forceBuild = true;
        continue;
      }
      if (live.unsavedChanges === null || live.unsavedChanges >= this.saveEvery) this.save(live);
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
      return {
        index,
        generation: state.generation,
        tombstones,
        appliedSeq: state.changeSeq,
        unsavedChanges: 0,
      };
    } catch {
      return null;
    }
  }

  private build(factory: VectorIndexFactory, generation: number, spec: EmbeddingSpec): LiveIndex {
    const index = factory.create(spec.dimensions);
    const appliedSeq = this.statements.read(() => {
      const seq = lastIssuedSeq(this.statements);
      for (const page of iterateVectors(this.statements, buildPageSize)) {
        index.add(page.ids, page.vectors);
      }
      return seq;
    });
    return { index, generation, tombstones: new Set(), appliedSeq, unsavedChanges: null };
  }

  private save(live: LiveIndex): void {
    const fileFingerprint = this.path === null ? null : saveIndexFile(live.index, this.path);
    recordHnswSave(
      this.statements,
      { generation: live.generation, changeSeq: live.appliedSeq, fileFingerprint },
      live.tombstones,
    );
    live.unsavedChanges = 0;
  }
}
