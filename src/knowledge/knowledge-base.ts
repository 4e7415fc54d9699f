/**
 * The knowledge base as one object: the core functions that the CLI, the HTTP API
 * and the MCP server all call. It owns no I/O of its own; the store and the
 * embedding model are handed in.
 */
import { availableParallelism } from 'node:os';

import type { Settings } from '../config/settings-schema.js';
import type { EmbeddingModel, EmbeddingSpec } from '../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import type {
  IntegrityReport,
  KnowledgeStore,
  StoreStats,
  VectorIndexRefreshOptions,
} from '../core/knowledge-store.js';
import type {
  ChunkRecord,
  DocumentRecord,
  Source,
  SourceKind,
  SourceSummary,
} from '../core/knowledge-types.js';
import type { SelectedFile } from './ingest/files/walk-items.js';
import {
  ingestDocuments,
  type IngestProgress,
  type IngestSummary,
} from './ingest/ingest-documents.js';
import { resolveIngestTargets } from './ingest/ingest-targets.js';
import type { LoadResult } from './ingest/loaded-document.js';
import { createDocumentPreparer } from './ingest/prepare/create-document-preparer.js';
import { createGuardedFetch } from './ingest/web/network/guarded-fetch.js';
import type { UrlPolicy } from './ingest/web/network/url-policy.js';
import { reindexEmbeddings, type ReindexSummary } from './reindex.js';
import { hybridSearch, type SearchRequest, type SearchResult } from './search/hybrid-search.js';
import { type SearchCacheOptions, searchThroughCache } from './search/search-cache.js';

export interface IngestRequest {
  /** Paths and URLs; all of one kind. */
  readonly targets: readonly string[];
  /** Source name; derived from the first target when absent. */
  readonly source?: string;
  readonly tags?: readonly string[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly prune?: boolean;
  /** How many links deep to follow from a start page (URLs only). */
  readonly depth?: number;
  /** Marks the built-in pack; users ingest `files` or `url`. */
  readonly kind?: SourceKind;
  readonly abortSignal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  /**
   * Guards URL ingestion for remote callers (the server): every request, redirect and
   * connection is checked, refusals are URL_NOT_ALLOWED. Absent: URLs are fetched as
   * given (the CLI, run by the local user).
   */
  readonly urlPolicy?: UrlPolicy;
}

export interface KnowledgeBaseOptions {
  readonly store: KnowledgeStore;
  readonly embedder: EmbeddingModel;
  readonly settings: Settings;
  /** Fetch used for URL ingestion; the global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Caches search results (the server's composition root sets it). Default: no cache. */
  readonly searchCache?: SearchCacheOptions;
}

/** Documents prepared ahead of the writer with a network embedder: bounds its requests in flight. */
const networkPrepareAhead = { documents: 16, bytes: 8 * 1024 * 1024 };

/**
 * Most preparation threads when the settings name none: one per core up to four (files
 * are loaded, HTML converted, chunked and embedded there), none on a single core. An
 * ingest starts one fewer and adds the last only while its writing loop mostly waits
 * for them (see waiting-share.ts): on two cores, HTML manuals ingested at 3.2 MB/s with
 * two threads against 2.0 with one (one run each), while Markdown took 12.0 CPU s and
 * 7.4 s with one against 13.5-13.9 CPU s and 7.6-7.7 s with two.
 */
export function defaultWorkerThreads(cores: number): number {
  return cores > 1 ? Math.min(cores, 4) : 0;
}

/** Ingest, search and inspect a knowledge base. */
export class KnowledgeBase {
  readonly store: KnowledgeStore;
  readonly embedder: EmbeddingModel;
  readonly settings: Settings;
  private readonly fetchFunction: typeof fetch | undefined;
  private readonly searchCache: SearchCacheOptions | undefined;
  private specChecked = false;

  constructor(options: KnowledgeBaseOptions) {
    this.store = options.store;
    this.embedder = options.embedder;
    this.settings = options.settings;
    this.fetchFunction = options.fetch;
    this.searchCache = options.searchCache;
  }

  /** The spec of the configured embedding model. */
  get embeddingSpec(): EmbeddingSpec {
    return { modelId: this.embedder.id, dimensions: this.embedder.dimensions };
  }

  /** Pins the configured model on first use; EMBEDDING_MISMATCH if the base was built with another. */
  async ensureEmbeddingSpec(): Promise<void> {
    if (this.specChecked) return;
    await this.store.pinEmbeddingSpec(this.embeddingSpec);
    this.specChecked = true;
  }

  async ingest(request: IngestRequest): Promise<IngestSummary> {
    await this.ensureEmbeddingSpec();
    const targets = resolveIngestTargets(request, {
      settings: this.settings.ingest,
      fetch:
        request.urlPolicy === undefined
          ? this.fetchFunction
          : createGuardedFetch({
              policy: request.urlPolicy,
              ...(this.fetchFunction ? { transport: this.fetchFunction } : {}),
            }),
    });
    const existing = await this.store.findSource(targets.sourceName);
    const tags = request.tags ?? existing?.tags ?? [];
    const source = await this.store.upsertSource({
      name: targets.sourceName,
      kind: request.kind ?? targets.kind,
      locations: mergeLocations(existing?.locations ?? [], targets.locations),
      tags,
    });
    try {
      return await this.runIngest(request, source, targets.results, tags);
    } catch (error) {
      // A failed first ingest (say, an unreachable URL) must not leave an empty source behind.
      if (existing === null && (await this.store.listFingerprints(source.id)).length === 0) {
        await this.store.removeSource(source.id);
      }
      throw error;
    }
  }

  private runIngest(
    request: IngestRequest,
    source: Source,
    results: AsyncIterable<LoadResult | SelectedFile>,
    tags: readonly string[],
  ): Promise<IngestSummary> {
    const { ingest, embedding } = this.settings;
    const preparer = createDocumentPreparer({
      embedder: this.embedder,
      embedding,
      chunking: {
        targetTokens: ingest.targetTokens,
        maxTokens: ingest.maxTokens,
        mergeSectionsBelow: ingest.mergeSectionsBelow,
      },
      embeddingConcurrency: embedding.concurrency,
      abortSignal: request.abortSignal,
      workerThreads: ingest.workerThreads ?? defaultWorkerThreads(availableParallelism()),
      workerThresholdBytes: ingest.workerThresholdBytes,
    });
    return ingestDocuments({
      store: this.store,
      preparer,
      source,
      results,
      tags,
      prune: request.prune,
      abortSignal: request.abortSignal,
      onProgress: request.onProgress,
      // Each queued document sends its own embedding requests to a network embedder.
      ...(embedding.provider === 'hash' ? {} : { prepareAhead: networkPrepareAhead }),
    });
  }

  /** Hybrid search with citations; through the search cache when one is configured. */
  async search(request: SearchRequest): Promise<SearchResult[]> {
    await this.ensureEmbeddingSpec();
    if (this.searchCache === undefined) return this.searchStore(request);
    return searchThroughCache(
      this.searchCache,
      request,
      {
        embedding: this.embeddingSpec,
        settings: this.settings.search,
        contentVersion: () => this.store.contentVersion(),
      },
      () => this.searchStore(request),
    );
  }

  private async searchStore(request: SearchRequest): Promise<SearchResult[]> {
    const filter = request.filter;
    const sourceIds = filter?.sourceIds?.length
      ? await this.resolveSourceIds(filter.sourceIds)
      : undefined;
    return hybridSearch(
      { store: this.store, embedder: this.embedder, settings: this.settings.search },
      { ...request, filter: { ...filter, ...(sourceIds ? { sourceIds } : {}) } },
    );
  }

  listSources(): Promise<SourceSummary[]> {
    return this.store.listSources();
  }

  /** A source by id or name; SOURCE_NOT_FOUND when absent. */
  async getSource(idOrName: string): Promise<Source> {
    const source = await this.store.findSource(idOrName);
    if (source === null) {
      throw new ArchonError(
        ErrorCode.SourceNotFound,
        `no source named '${idOrName}' (see \`archon sources\`)`,
        {
          details: { source: idOrName },
        },
      );
    }
    return source;
  }

  async removeSource(
    idOrName: string,
  ): Promise<{ source: string; documents: number; chunks: number }> {
    const source = await this.getSource(idOrName);
    const removed = await this.store.removeSource(source.id);
    return { source: source.name, ...removed };
  }

  /** A document with its chunks; DOCUMENT_NOT_FOUND when absent. */
  async getDocument(id: string): Promise<{ document: DocumentRecord; chunks: ChunkRecord[] }> {
    const found = await this.store.getDocument(id);
    if (found === null) {
      throw new ArchonError(ErrorCode.DocumentNotFound, `no document with id '${id}'`, {
        details: { id },
      });
    }
    return found;
  }

  /** Re-embeds every chunk with the configured model, replacing the pinned spec. */
  async reindex(onProgress?: (done: number) => void): Promise<ReindexSummary> {
    const summary = await reindexEmbeddings({
      store: this.store,
      embedder: this.embedder,
      concurrency: this.settings.embedding.concurrency,
      onProgress,
    });
    this.specChecked = true;
    await this.refreshVectorIndex();
    return summary;
  }

  /**
   * Adds the vectors written since the last refresh to the approximate index (or
   * builds it), so searches stop scanning them exactly. Ingest does not wait for
   * this: its documents are searchable as soon as it returns. Pass `sliceSize` and
   * `pause` to keep an event loop responsive while it runs.
   */
  async refreshVectorIndex(
    options: VectorIndexRefreshOptions = {},
  ): Promise<{ vectorIndex: StoreStats['vectorIndex']; seconds: number }> {
    const started = performance.now();
    const vectorIndex = (await this.store.prepareVectorIndex?.(options)) ?? 'exact';
    return { vectorIndex, seconds: (performance.now() - started) / 1000 };
  }

  stats(): Promise<StoreStats> {
    return this.store.stats();
  }

  checkIntegrity(): Promise<IntegrityReport> {
    return this.store.checkIntegrity();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async resolveSourceIds(namesOrIds: readonly string[]): Promise<string[]> {
    const sources = await Promise.all(namesOrIds.map((name) => this.getSource(name)));
    return sources.map((source) => source.id);
  }
}

function mergeLocations(previous: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...previous, ...added])];
}
