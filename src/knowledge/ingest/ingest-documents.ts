/**
 * The ingest pipeline: loaded documents are compared with the store by content hash;
 * changed ones are prepared (chunked, tokenized, embedded) a few documents ahead,
 * possibly on worker threads, and written in their loading order; documents whose
 * preparation is done share one transaction, so a crash leaves each document whole
 * or absent. With `prune` the documents that no longer exist are removed.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { ChunkWrite, DocumentWrite, KnowledgeStore } from '../../core/knowledge-store.js';
import type { Source } from '../../core/knowledge-types.js';
import type { LoadedDocument, LoadResult, SkippedDocument } from './loaded-document.js';
import type { DocumentPreparer } from './prepare/document-preparer.js';
import { StoredFingerprints } from './stored-fingerprints.js';

export interface IngestProgress {
  readonly documents: number;
  readonly bytes: number;
  readonly location: string;
}

export interface IngestDocumentsOptions {
  readonly store: KnowledgeStore;
  readonly preparer: DocumentPreparer;
  readonly source: Source;
  readonly results: AsyncIterable<LoadResult>;
  readonly tags?: readonly string[];
  readonly prune?: boolean;
  readonly abortSignal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Limits of the documents prepared ahead of the one being written. */
  readonly prepareAhead?: { readonly documents: number; readonly bytes: number };
  /** The source's stored fingerprints and the tags this ingest writes, when the caller has them. */
  readonly known?: StoredFingerprints;
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
  const tags = options.tags ?? [];
  const known =
    options.known ?? StoredFingerprints.of(await store.listFingerprints(source.id), tags);
  const seen = new Set<string>();
  const skipped: SkippedDocument[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let chunks = 0;
  let bytes = 0;
  let documents = 0;

  const ahead = options.prepareAhead ?? defaultPrepareAhead;
  const queue: Preparation[] = [];
  let queuedBytes = 0;
  /**
   * Writes the oldest preparations in one transaction: at least a minimum batch when that
   * many are queued (waiting for them in order: each commit flushes a full-text segment,
   * and many small segments cost more to write and to merge than a few large ones), then
   * every one after them that is already done, up to the largest batch.
   */
  const writeNext = async (): Promise<void> => {
    const first = queue.shift() as Preparation;
    const batch = [{ preparation: first, chunks: await first.chunks }];
    let batchBytes = first.document.text.length;
    while (batch.length < writeBatch.documents && batchBytes < writeBatch.bytes) {
      const next = queue[0];
      if (next === undefined) break;
      const belowMinimum = batch.length < minimumBatch.documents && batchBytes < minimumBatch.bytes;
      if (next.ready === undefined && belowMinimum) await settled(next);
      // Not done, or failed: a failure is thrown by the next write, after this batch.
      if (next.ready === undefined) break;
      queue.shift();
      batch.push({ preparation: next, chunks: next.ready });
      batchBytes += next.document.text.length;
    }
    queuedBytes -= batchBytes;
    throwIfAborted(options.abortSignal);
    await store.writeDocuments(
      batch.map(({ preparation, chunks: chunkWrites }) =>
        documentWrite(source, preparation.document, tags, chunkWrites),
      ),
    );
    for (const { preparation, chunks: chunkWrites } of batch) {
      chunks += chunkWrites.length;
      if (preparation.isNew) added += 1;
      else updated += 1;
      options.onProgress?.({ documents, bytes, location: preparation.document.location });
    }
  };

  try {
    for await (const result of options.results) {
      throwIfAborted(options.abortSignal);
      if (result.kind === 'skipped') {
        skipped.push(result.skipped);
        continue;
      }
      if (result.kind === 'unchanged') {
        // The loader was told the stored hashes and tags: such a URI is always known.
        const { uri, location } = result.unchanged;
        if (!known.has(uri)) {
          throw new ArchonError(ErrorCode.Internal, `loader reported unknown ${uri} as unchanged`);
        }
        if (seen.has(uri)) continue;
        seen.add(uri);
        documents += 1;
        bytes += result.unchanged.bytes;
        unchanged += 1;
        options.onProgress?.({ documents, bytes, location });
        continue;
      }
      const document = result.document;
      if (seen.has(document.uri)) continue;
      seen.add(document.uri);
      documents += 1;
      bytes += document.bytes;
      if (known.isUnchanged(document.uri, document.contentHash)) {
        unchanged += 1;
        options.onProgress?.({ documents, bytes, location: document.location });
        continue;
      }
      queue.push(startPreparation(options.preparer, document, !known.has(document.uri)));
      queuedBytes += document.text.length;
      while (queue.length > ahead.documents || queuedBytes > ahead.bytes) await writeNext();
    }
    while (queue.length > 0) await writeNext();
  } finally {
    await options.preparer.close();
  }

  let removed = 0;
  if (options.prune === true) {
    const gone = [...known.uris()].filter((uri) => !seen.has(uri));
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

interface Preparation {
  readonly document: LoadedDocument;
  readonly isNew: boolean;
  readonly chunks: Promise<ChunkWrite[]>;
  /** The chunks once preparation has finished, so ready documents can share a commit. */
  ready?: ChunkWrite[];
}

/** Defaults of {@link IngestDocumentsOptions.prepareAhead}: room for two minimum batches. */
const defaultPrepareAhead = { documents: 64, bytes: 16 * 1024 * 1024 };
/** Most documents, and text, committed in one transaction. */
const writeBatch = { documents: 64, bytes: 8 * 1024 * 1024 };
/** What a commit waits for when that much is queued (bench/RESULTS.md, ingest findings). */
const minimumBatch = { documents: 32, bytes: 2 * 1024 * 1024 };

function startPreparation(
  preparer: DocumentPreparer,
  document: LoadedDocument,
  isNew: boolean,
): Preparation {
  const chunks = preparer.prepare(document);
  const preparation: Preparation = { document, isNew, chunks };
  // Awaited in order later; until then a failure must not count as unhandled.
  chunks.then(
    (done) => {
      preparation.ready = done;
    },
    () => {},
  );
  return preparation;
}

/** Waits until `preparation` has finished or failed; its `ready` says which. */
async function settled(preparation: Preparation): Promise<void> {
  await preparation.chunks.then(
    () => undefined,
    () => undefined,
  );
}

function documentWrite(
  source: Source,
  document: LoadedDocument,
  tags: readonly string[],
  chunks: readonly ChunkWrite[],
): DocumentWrite {
  return {
    sourceId: source.id,
    uri: document.uri,
    title: document.title,
    contentHash: document.contentHash,
    language: document.language,
    bytes: document.bytes,
    tags,
    chunks,
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new ArchonError(ErrorCode.Cancelled, 'ingest cancelled');
}
