/**
 * The ingest pipeline: loaded documents are compared with the store by content hash,
 * changed ones are chunked, embedded and written (each in one transaction), and with
 * `prune` the documents that no longer exist are removed.
 */
import type { EmbeddingModel } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { ChunkWrite, KnowledgeStore } from '../../core/knowledge-store.js';
import type { Source } from '../../core/knowledge-types.js';
import { chunkDocument, type ChunkOptions } from '../chunk/chunk-document.js';
import { embedAll } from '../embed/embed-all.js';
import { embeddingTextOf, lexicalFieldsOf } from './chunk-texts.js';
import type { LoadedDocument, LoadResult, SkippedDocument } from './loaded-document.js';

export interface IngestProgress {
  readonly documents: number;
  readonly bytes: number;
  readonly location: string;
}

export interface IngestDocumentsOptions {
  readonly store: KnowledgeStore;
  readonly embedder: EmbeddingModel;
  readonly source: Source;
  readonly results: AsyncIterable<LoadResult>;
  readonly tags?: readonly string[];
  readonly prune?: boolean;
  readonly chunking?: ChunkOptions;
  readonly embeddingConcurrency?: number;
  readonly abortSignal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
}

/** What an ingest did, as printed by `archon ingest --json`. */
export interface IngestSummary {
  readonly source: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly skipped: readonly SkippedDocument[];
  readonly chunks: number;
  readonly bytes: number;
  readonly seconds: number;
}

/** Ingests every loaded document of one source; see the module header. */
export async function ingestDocuments(options: IngestDocumentsOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { store, source } = options;
  const known = new Map(
    (await store.listFingerprints(source.id)).map((print) => [print.uri, print]),
  );
  const seen = new Set<string>();
  const skipped: SkippedDocument[] = [];
  const tags = options.tags ?? [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let chunks = 0;
  let bytes = 0;
  let documents = 0;

  for await (const result of options.results) {
    throwIfAborted(options.abortSignal);
    if (result.kind === 'skipped') {
      skipped.push(result.skipped);
      continue;
    }
    const document = result.document;
    if (seen.has(document.uri)) continue;
    seen.add(document.uri);
    documents += 1;
    bytes += document.bytes;
    const previous = known.get(document.uri);
    if (
      previous !== undefined &&
      previous.contentHash === document.contentHash &&
      sameTags(previous.tags, tags)
    ) {
      unchanged += 1;
    } else {
      chunks += await writeDocument(options, document, tags);
      if (previous === undefined) added += 1;
      else updated += 1;
    }
    options.onProgress?.({ documents, bytes, location: document.location });
  }

  let removed = 0;
  if (options.prune === true) {
    const gone = [...known.keys()].filter((uri) => !seen.has(uri));
    if (gone.length > 0) removed = await store.removeDocuments(source.id, gone);
  }
  return {
    source: source.name,
    added,
    updated,
    unchanged,
    removed,
    skipped,
    chunks,
    bytes,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}

async function writeDocument(
  options: IngestDocumentsOptions,
  document: LoadedDocument,
  tags: readonly string[],
): Promise<number> {
  const drafts = chunkDocument(
    {
      text: document.text,
      format: document.format,
      language: document.language,
      title: document.title,
    },
    options.chunking,
  );
  const parts = drafts.map((draft) => ({ ...draft, title: document.title }));
  const vectors = await embedAll(options.embedder, parts.map(embeddingTextOf), {
    concurrency: options.embeddingConcurrency,
    abortSignal: options.abortSignal,
  });
  const chunkWrites: ChunkWrite[] = drafts.map((draft, index) => ({
    draft,
    lexical: lexicalFieldsOf(parts[index] ?? { ...draft, title: document.title }),
    vector: vectors[index] as Float32Array,
  }));
  await options.store.writeDocument({
    sourceId: options.source.id,
    uri: document.uri,
    title: document.title,
    contentHash: document.contentHash,
    language: document.language,
    bytes: document.bytes,
    tags,
    chunks: chunkWrites,
  });
  return chunkWrites.length;
}

function sameTags(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  const sorted = [...right].sort();
  return [...left].sort().every((tag, index) => tag === sorted[index]);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new ArchonError(ErrorCode.Cancelled, 'ingest cancelled');
}
