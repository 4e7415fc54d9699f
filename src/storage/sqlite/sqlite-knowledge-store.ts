/**
 * The embedded KnowledgeStore: one SQLite file (WAL) holding sources, documents,
 * chunks, a contentless FTS5 index and float32 vectors, plus a derived HNSW index
 * file beside it once the base is large. Each method is a thin wrapper over one
 * role module of this folder; this class owns only the connection's lifecycle.
 */
import type { EmbeddingSpec } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord, JobUpdate } from '../../core/job-types.js';
import type {
  ChunkForEmbedding,
  DocumentFingerprint,
  DocumentWrite,
  IntegrityReport,
  KnowledgeStore,
  LexicalQuery,
  SourceInput,
  StoreStats,
  VectorIndexRefreshOptions,
  VectorQuery,
} from '../../core/knowledge-store.js';
import type {
  ChunkRecord,
  ChunkWithCitation,
  DocumentRecord,
  RankedChunk,
  Source,
  SourceSummary,
} from '../../core/knowledge-types.js';
import { hnswPathOf } from './hnsw-index-file.js';
import * as chunks from './sqlite-chunks.js';
import { openSqliteDatabase } from './sqlite-connection.js';
import { readContentVersion } from './sqlite-content-version.js';
import { readCounter } from './sqlite-counters.js';
import * as documents from './sqlite-documents.js';
import * as spec from './sqlite-embedding-spec.js';
import { toStorageError } from './sqlite-errors.js';
import { SqliteHnswIndex } from './sqlite-hnsw-index.js';
import { checkIntegrity } from './sqlite-integrity.js';
import * as jobs from './sqlite-jobs.js';
import { lexicalSearch } from './sqlite-lexical-search.js';
import { applyMigrations } from './sqlite-migrations.js';
import * as sources from './sqlite-sources.js';
import { SqliteStatements } from './sqlite-statements.js';
import { readStats } from './sqlite-stats.js';
import { loadUsearchFactory } from './sqlite-usearch-factory.js';
import { vectorSearch } from './sqlite-vector-search.js';

/** Options of {@link SqliteKnowledgeStore}. */
export interface SqliteKnowledgeStoreOptions {
  /** Database file (created if missing), or `:memory:`. */
  readonly path: string;
  /** Vector count from which searches use the HNSW index instead of an exact scan. */
  readonly hnswThreshold?: number;
}

/**
 * Default of {@link SqliteKnowledgeStoreOptions.hnswThreshold}: where the exact
 * in-memory scan (about 0.4 ms at 5,000 vectors of 384 dimensions) stops being
 * cheaper than an HNSW query (decision 005).
 */
export const defaultHnswThreshold = 5_000;

interface Connection {
  readonly statements: SqliteStatements;
  readonly hnsw: SqliteHnswIndex;
}

/** The KnowledgeStore on an embedded SQLite file. */
export class SqliteKnowledgeStore implements KnowledgeStore {
  readonly path: string;
  readonly hnswThreshold: number;
  private connection: Connection | null = null;

  constructor(options: SqliteKnowledgeStoreOptions) {
    const { path, hnswThreshold = defaultHnswThreshold } = options;
    if (typeof path !== 'string' || path.trim() === '') {
      throw new ArchonError(ErrorCode.InvalidConfig, 'the SQLite store needs a database path');
    }
    if (!Number.isInteger(hnswThreshold) || hnswThreshold < 1) {
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `hnswThreshold must be a positive integer, got ${hnswThreshold}`,
      );
    }
    this.path = path;
    this.hnswThreshold = hnswThreshold;
  }

  async open(): Promise<void> {
    if (this.connection !== null) return;
    const database = openSqliteDatabase(this.path);
    try {
      applyMigrations(database);
    } catch (error) {
      database.close();
      throw toStorageError(error);
    }
    const statements = new SqliteStatements(database);
    const hnsw = new SqliteHnswIndex(statements, hnswPathOf(this.path), this.hnswThreshold);
    this.connection = { statements, hnsw };
  }

  async close(): Promise<void> {
    const connection = this.connection;
    if (connection === null) return;
    this.connection = null;
    connection.hnsw.close();
    connection.statements.database.close();
  }

  async getEmbeddingSpec(): Promise<EmbeddingSpec | null> {
    return this.run(({ statements }) => spec.readEmbeddingSpec(statements));
  }

  async pinEmbeddingSpec(embeddingSpec: EmbeddingSpec): Promise<void> {
    this.run(({ statements }) => spec.pinEmbeddingSpec(statements, embeddingSpec));
  }

  async resetEmbeddings(embeddingSpec: EmbeddingSpec): Promise<void> {
    this.run(({ statements, hnsw }) => {
      statements.write(() => spec.resetEmbeddingRows(statements, embeddingSpec));
      hnsw.forget();
    });
  }

  async upsertSource(input: SourceInput): Promise<Source> {
    return this.run(({ statements }) => sources.upsertSource(statements, input));
  }

  async findSource(idOrName: string): Promise<Source | null> {
    return this.run(({ statements }) => sources.findSource(statements, idOrName));
  }

  async listSources(): Promise<SourceSummary[]> {
    return this.run(({ statements }) => sources.listSources(statements));
  }

  async removeSource(id: string): Promise<{ documents: number; chunks: number }> {
    return this.run(({ statements }) => sources.removeSource(statements, id));
  }

  async listFingerprints(sourceId: string): Promise<DocumentFingerprint[]> {
    return this.run(({ statements }) => documents.listFingerprints(statements, sourceId));
  }

  async writeDocument(document: DocumentWrite): Promise<DocumentRecord> {
    return this.run(({ statements }) => documents.writeDocument(statements, document));
  }

  async writeDocuments(writes: readonly DocumentWrite[]): Promise<DocumentRecord[]> {
    return this.run(({ statements }) => documents.writeDocuments(statements, writes));
  }

  async removeDocuments(sourceId: string, uris: readonly string[]): Promise<number> {
    return this.run(({ statements }) => documents.removeDocuments(statements, sourceId, uris));
  }

  async getDocument(
    id: string,
  ): Promise<{ document: DocumentRecord; chunks: ChunkRecord[] } | null> {
    return this.run(({ statements }) => documents.getDocument(statements, id));
  }

  async getChunks(ids: readonly number[]): Promise<ChunkWithCitation[]> {
    return this.run(({ statements }) => chunks.getChunks(statements, ids));
  }

  async lexicalSearch(query: LexicalQuery): Promise<RankedChunk[]> {
    return this.run(({ statements }) => lexicalSearch(statements, query));
  }

  async vectorSearch(query: VectorQuery): Promise<RankedChunk[]> {
    await this.loadIndexImplementationIfNeeded();
    return this.run((connection) =>
      vectorSearch({ ...connection, hnswThreshold: this.hnswThreshold }, query),
    );
  }

  /**
   * Brings the vector index up to date now: loads or builds the HNSW graph and
   * adds to it the vectors written since (the delta) when the store is at or above
   * the threshold. Searches are correct without it (they scan the delta exactly),
   * so call it after an ingest or at server start. With `sliceSize` the work is
   * done in steps with `pause` awaited between them. Returns the search mode.
   */
  async prepareVectorIndex(
    options: VectorIndexRefreshOptions = {},
  ): Promise<StoreStats['vectorIndex']> {
    if (!(await this.loadIndexImplementationIfNeeded())) return 'exact';
    const { statements, hnsw } = this.requireConnection();
    const embeddingSpec = this.run(() => spec.readEmbeddingSpec(statements));
    if (embeddingSpec === null) return 'exact';
    try {
      return (await hnsw.refresh(embeddingSpec, options)) ?? 'exact';
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async listChunksForEmbedding(afterId: number, limit: number): Promise<ChunkForEmbedding[]> {
    return this.run(({ statements }) => chunks.listChunksForEmbedding(statements, afterId, limit));
  }

  async writeEmbeddings(rows: readonly { chunkId: number; vector: Float32Array }[]): Promise<void> {
    this.run(({ statements }) => chunks.writeEmbeddings(statements, rows));
  }

  async stats(): Promise<StoreStats> {
    return this.run(({ statements }) => readStats(statements, this.hnswThreshold));
  }

  async contentVersion(): Promise<string> {
    return this.run(({ statements }) => readContentVersion(statements));
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    return this.run(({ statements }) => checkIntegrity(statements));
  }

  async createJob(kind: string, input: unknown): Promise<JobRecord> {
    return this.run(({ statements }) => jobs.createJob(statements, kind, input));
  }

  async updateJob(id: string, update: JobUpdate): Promise<JobRecord> {
    return this.run(({ statements }) => jobs.updateJob(statements, id, update));
  }

  async getJob(id: string): Promise<JobRecord | null> {
    return this.run(({ statements }) => jobs.getJob(statements, id));
  }

  async listJobs(filter?: { state?: JobRecord['state']; kind?: string }): Promise<JobRecord[]> {
    return this.run(({ statements }) => jobs.listJobs(statements, filter));
  }

  /** Loads usearch once the store has vectors to search; false when it has none. */
  private async loadIndexImplementationIfNeeded(): Promise<boolean> {
    const { statements, hnsw } = this.requireConnection();
    if (readCounter(statements, 'embeddings') === 0) return false;
    if (!hnsw.ready) {
      try {
        hnsw.useFactory(await loadUsearchFactory());
      } catch {
        // Searches fall back to sqlite-vec's exact scan.
        return false;
      }
    }
    return true;
  }

  private requireConnection(): Connection {
    if (this.connection === null) {
      throw new ArchonError(
        ErrorCode.StorageError,
        'the knowledge store is not open; call open() first',
      );
    }
    return this.connection;
  }

  private run<T>(work: (connection: Connection) => T): T {
    const connection = this.requireConnection();
    try {
      return work(connection);
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
