/**
 * Keeps an in-memory HNSW index in step with the vectors in SQLite. The index is
 * derived data: before each search it catches up with the change log (vectors
 * added, replaced or deleted since it was last synced), and it is rebuilt from
 * the table when its file is missing, corrupt, not the file the database recorded,
 * from another embedding generation, or when its size disagrees with the table.
 * It is saved beside the database after a build and then every `saveEvery`
 * changes, so a restart loads it instead of rebuilding.
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
  readHnswState,
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
  appliedSeq: number;
  /** Changes applied since the last save; null when never saved. */
  unsavedChanges: number | null;
}

const buildPageSize = 1_024;
const syncAttempts = 3;

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

  /** Top matches from an index that reflects every committed vector; null if none could be made. */
  search(
    spec: EmbeddingSpec,
    vector: Float32Array,
    limit: number,
    accept?: (id: number) => boolean,
  ): VectorMatch[] | null {
    const index = this.synced(spec);
    return index === null ? null : index.search(vector, limit, accept);
  }

  /** Stops maintaining the index (the store fell well below the threshold). */
  release(): void {
    if (this.live === null && readHnswState(this.statements) === null) return;
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

  private synced(spec: EmbeddingSpec): VectorIndex | null {
    const factory = this.factory;
    if (factory === null) return null;
    const generation = readEmbeddingGeneration(this.statements);
    let state = readHnswState(this.statements);
    if (state === null || state.generation !== generation) {
      this.live = null;
      state = claimHnswState(this.statements, generation);
    }
    let forceBuild = false;
    for (let attempt = 0; attempt < syncAttempts; attempt += 1) {
      const live = this.prepare(factory, state, generation, spec, forceBuild);
      const delta = readHnswDelta(this.statements, live.appliedSeq);
      if (delta.state === null || delta.state.generation !== generation) return null;
      if (delta.state.changeSeq > live.appliedSeq) {
        // Another process saved a newer file and may have pruned entries we need.
        this.live = null;
        state = delta.state;
        continue;
      }
      if (delta.removed.length > 0) live.index.remove(delta.removed);
      if (delta.added.ids.length > 0) live.index.add(delta.added.ids, delta.added.vectors);
      live.appliedSeq = delta.changeSeq;
      if (live.unsavedChanges !== null) live.unsavedChanges += delta.removed.length;
      if (live.index.size !== delta.vectorCount) {
        this.live = null;
        forceBuild = true;
        continue;
      }
      if (live.unsavedChanges === null || live.unsavedChanges >= this.saveEvery) this.save(live);
      return live.index;
    }
    return null;
  }

  private prepare(
    factory: VectorIndexFactory,
    state: HnswState,
    generation: number,
    spec: EmbeddingSpec,
    forceBuild: boolean,
  ): LiveIndex {
    const current = this.live;
    if (
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
    state: HnswState,
    spec: EmbeddingSpec,
  ): LiveIndex | null {
    if (this.path === null || state.fileFingerprint === null) return null;
    if (fingerprintOf(this.path) !== state.fileFingerprint) return null;
    try {
      const index = factory.load(this.path, spec.dimensions);
      if (index.dimensions !== spec.dimensions) return null;
      return {
        index,
        generation: state.generation,
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
      for (const page of iterateVectors(this.statements, buildPageSize))
        index.add(page.ids, page.vectors);
      return seq;
    });
    return { index, generation, appliedSeq, unsavedChanges: null };
  }

  private save(live: LiveIndex): void {
    const fileFingerprint = this.path === null ? null : saveIndexFile(live.index, this.path);
    recordHnswSave(this.statements, {
      generation: live.generation,
      changeSeq: live.appliedSeq,
      fileFingerprint,
    });
    live.unsavedChanges = 0;
  }
}
