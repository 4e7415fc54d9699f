/**
 * The storage contract of the knowledge base. The SQLite store implements it now,
 * a PostgreSQL + pgvector store later, and the same conformance suite
 * (`test/conformance/knowledge-store.conformance.ts`) runs against both.
 * Callers never see SQL.
 */
import type { ChunkWrite } from './chunk-write.js';
import type { EmbeddingSpec } from './embedding-model.js';
import type { JobRecord, JobUpdate } from './job-types.js';
import type {
  ChunkRecord,
  ChunkWithCitation,
  DocumentRecord,
  RankedChunk,
  SearchFilter,
  Source,
  SourceKind,
  SourceSummary,
} from './knowledge-types.js';
import type { PackedChunks } from './packed-chunks.js';

export interface SourceInput {
  readonly name: string;
  readonly kind: SourceKind;
  readonly locations: readonly string[];
  readonly tags: readonly string[];
}

export type { ChunkWrite, LexicalFields } from './chunk-write.js';

/** A document's chunks to write: a plain list, or packed by a preparation thread. */
export type ChunkWrites = readonly ChunkWrite[] | PackedChunks;

/** A whole document to write in one transaction, replacing any earlier version. */
export interface DocumentWrite {
  readonly sourceId: string;
  readonly uri: string;
  readonly title: string;
  readonly contentHash: string;
  readonly language: string;
  readonly bytes: number;
  readonly tags: readonly string[];
  readonly chunks: ChunkWrites;
}

/** The minimum needed to decide whether a document changed. */
export interface DocumentFingerprint {
  readonly id: string;
  readonly uri: string;
  readonly contentHash: string;
  /** The document's tags; a re-ingest with other tags rewrites the document. */
  readonly tags: readonly string[];
}

export interface LexicalQuery {
  /** Query terms from the same tokenizer as {@link LexicalFields}. */
  readonly terms: readonly string[];
  readonly limit: number;
  readonly filter?: SearchFilter;
}

export interface VectorQuery {
  readonly vector: Float32Array;
  readonly limit: number;
  readonly filter?: SearchFilter;
}

/** How a vector index refresh spreads its work (see `KnowledgeStore.prepareVectorIndex`). */
export interface VectorIndexRefreshOptions {
  /** Vectors indexed per step; everything in one step when absent. */
  readonly sliceSize?: number;
  /** Awaited between steps (for example a `setImmediate` promise), so other work can run. */
  readonly pause?: () => Promise<void>;
}

export interface StoreStats {
  readonly sources: number;
  readonly documents: number;
  readonly chunks: number;
  readonly embeddings: number;
  /** Which vector search the store uses now: exact scan or an approximate index. */
  readonly vectorIndex: 'exact' | 'hnsw';
}

export interface IntegrityReport {
  readonly ok: boolean;
  /** One line per broken invariant, empty when ok. */
  readonly problems: readonly string[];
}

/** A stored chunk with its text, as needed to re-embed it. */
export interface ChunkForEmbedding {
  readonly id: number;
  readonly text: string;
  readonly context: string;
  readonly headingPath: readonly string[];
  readonly title: string;
}

export interface KnowledgeStore {
  /** Applies migrations; idempotent. */
  open(): Promise<void>;
  close(): Promise<void>;

  getEmbeddingSpec(): Promise<EmbeddingSpec | null>;
  /** Pins the spec on first use; throws EMBEDDING_MISMATCH if another spec is pinned. */
  pinEmbeddingSpec(spec: EmbeddingSpec): Promise<void>;
  /** Replaces the pinned spec and drops all vectors (reindex). */
  resetEmbeddings(spec: EmbeddingSpec): Promise<void>;

  upsertSource(input: SourceInput): Promise<Source>;
  /** By id or by name; null when absent. */
  findSource(idOrName: string): Promise<Source | null>;
  listSources(): Promise<SourceSummary[]>;
  /** Removes a source with all its documents, chunks and vectors. */
  removeSource(id: string): Promise<{ documents: number; chunks: number }>;

  listFingerprints(sourceId: string): Promise<DocumentFingerprint[]>;
  /** Writes a document with all its chunks and vectors atomically. */
  writeDocument(document: DocumentWrite): Promise<DocumentRecord>;
  /**
   * Writes several documents in one transaction, each replacing its earlier version:
   * all or none are stored. Bulk ingest uses it to pay one commit for many documents.
   */
  writeDocuments(documents: readonly DocumentWrite[]): Promise<DocumentRecord[]>;
  removeDocuments(sourceId: string, uris: readonly string[]): Promise<number>;
  getDocument(id: string): Promise<{ document: DocumentRecord; chunks: ChunkRecord[] } | null>;
  getChunks(ids: readonly number[]): Promise<ChunkWithCitation[]>;

  lexicalSearch(query: LexicalQuery): Promise<RankedChunk[]>;
  vectorSearch(query: VectorQuery): Promise<RankedChunk[]>;

  /** Pages through chunks in id order, for re-embedding. */
  listChunksForEmbedding(afterId: number, limit: number): Promise<ChunkForEmbedding[]>;
  writeEmbeddings(rows: readonly { chunkId: number; vector: Float32Array }[]): Promise<void>;

  stats(): Promise<StoreStats>;
  /**
   * An opaque token that changes whenever anything a search can return changes
   * (sources, documents, chunks, vectors, the embedding spec), also when another
   * process wrote to the same database. Equal tokens mean equal search results, so a
   * cache keyed by it never serves a result older than the last write. Cheap: one
   * lookup, called before every cached search.
   */
  contentVersion(): Promise<string>;
  /**
   * Brings derived search structures (an approximate vector index) up to date now, so
   * that no query pays for building them. Searches are correct without it. Optional:
   * stores without one omit it.
   */
  prepareVectorIndex?(options?: VectorIndexRefreshOptions): Promise<StoreStats['vectorIndex']>;
  /** Checks the invariants ingest relies on (no orphan chunk, no vector without chunk, ...). */
  checkIntegrity(): Promise<IntegrityReport>;

  createJob(kind: string, input: unknown): Promise<JobRecord>;
  updateJob(id: string, update: JobUpdate): Promise<JobRecord>;
  getJob(id: string): Promise<JobRecord | null>;
  listJobs(filter?: { state?: JobRecord['state']; kind?: string }): Promise<JobRecord[]>;
}
