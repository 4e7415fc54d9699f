/**
 * The ingest pipeline: loaded documents are compared with the store by content hash;
 * changed ones are prepared (chunked, tokenized, embedded) a few documents ahead,
 * possibly on worker threads, and written in their loading order. Files selected but
 * not read yet are loaded by the preparer too, which compares their raw-bytes hash with
 * the stored one before decoding. Prepared documents share transactions, so a crash
 * leaves each document whole or absent. With `prune` the documents that no longer
 * exist are removed.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { ChunkWrites, DocumentWrite, KnowledgeStore } from '../../core/knowledge-store.js';
import type { Source } from '../../core/knowledge-types.js';
import type { SelectedFile } from './files/walk-items.js';
import type { LoadedDocument, LoadResult, SkippedDocument } from './loaded-document.js';
import type {
  DocumentPreparer,
  LoadedAndPrepared,
  LoadedDocumentInfo,
} from './prepare/document-preparer.js';
import { StoredFingerprints } from './stored-fingerprints.js';
import { WaitingShare } from './waiting-share.js';

export interface IngestProgress {
  readonly documents: number;
  readonly bytes: number;
  readonly location: string;
}

export interface IngestDocumentsOptions {
  readonly store: KnowledgeStore;
  readonly preparer: DocumentPreparer;
  readonly source: Source;
  /** Loaded documents and skips, or files selected but not read yet (loaded by `preparer`). */
  readonly results: AsyncIterable<LoadResult | SelectedFile>;
  readonly tags?: readonly string[];
  readonly prune?: boolean;
  readonly abortSignal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Limits of the documents prepared ahead of the one being written. */
  readonly prepareAhead?: { readonly documents: number; readonly bytes: number };
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
  const known = new StoredFingerprints(await store.listFingerprints(source.id), tags);
  const seen = new Set<string>();
  const skipped: SkippedDocument[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let chunks = 0;
  let bytes = 0;
  let documents = 0;

  const ahead = options.prepareAhead ?? defaultPrepareAhead;
  const waiting = new WaitingShare();
  const queue: Preparation[] = [];
  /** `bytesHeldFor` summed over the queue, kept up to date as entries come, arrive and go. */
  let queuedBytes = 0;
  /** Queues `preparation`; when its outcome arrives, sets `ready` and counts what it holds. */
  const enqueue = (preparation: Preparation): void => {
    queue.push(preparation);
    queuedBytes += preparation.textBytes;
    // Awaited in order later; until then a failure must not count as unhandled.
    preparation.outcome.then(
      (done) => {
        preparation.ready = done;
        queuedBytes += bytesHeldFor(preparation) - preparation.textBytes;
      },
      () => {},
    );
  };
  /**
   * Text held for the queue: loaded documents, the files that have arrived loaded, and
   * the bytes of files read and still with the preparer.
   */
  const heldBytes = (): number => queuedBytes + (options.preparer.bytesInFlight?.() ?? 0);

  const countUnchanged = (location: string, size: number): void => {
    documents += 1;
    bytes += size;
    unchanged += 1;
    options.onProgress?.({ documents, bytes, location });
  };

  /**
   * Takes the oldest preparations off the queue and writes their documents in one
   * transaction: at least a minimum batch when that many are queued (waiting for them in
   * order: each commit flushes a full-text segment, and many small segments cost more to
   * write and to merge than a few large ones), then every one after them that is already
   * done, up to the largest batch. Files that turned out skipped or unchanged are counted
   * on the way.
   */
  const writeNext = async (): Promise<void> => {
    const batch: { isNew: boolean; document: LoadedDocumentInfo; chunks: ChunkWrites }[] = [];
    let batchBytes = 0;
    // Skipped and unchanged files count toward the minimum: waiting is for the queue's sake.
    let taken = 0;
    while (
      queue.length > 0 &&
      batch.length < writeBatch.documents &&
      batchBytes < writeBatch.bytes
    ) {
      const next = queue[0] as Preparation;
      if (next.ready === undefined) {
        const belowMinimum = taken < minimumBatch.documents && batchBytes < minimumBatch.bytes;
        if (!belowMinimum) break;
        const waitStarted = performance.now();
        // The oldest one failing fails the ingest; a later one fails the next write.
        if (batch.length === 0) await next.outcome;
        else await settled(next);
        waiting.waited(performance.now() - waitStarted);
        if (next.ready === undefined) break;
      }
      queue.shift();
      queuedBytes -= bytesHeldFor(next);
      taken += 1;
      const outcome = next.ready;
      if (outcome.kind === 'skipped') {
        skipped.push(outcome.skipped);
        // Not read, so not seen: --prune treats it as gone, as when a loader skips it.
        seen.delete(next.uri);
      } else if (outcome.kind === 'unchanged') {
        countUnchanged(outcome.unchanged.location, outcome.unchanged.bytes);
      } else {
        batch.push({ isNew: next.isNew, document: outcome.document, chunks: outcome.chunks });
        batchBytes += outcome.document.bytes;
        documents += 1;
        bytes += outcome.document.bytes;
      }
    }
    if (batch.length === 0) return;
    if (waiting.mostlyWaiting()) options.preparer.addWorker?.();
    throwIfAborted(options.abortSignal);
    await store.writeDocuments(
      batch.map((entry) => documentWrite(source, entry.document, tags, entry.chunks)),
    );
    for (const entry of batch) {
      chunks += entry.chunks.length;
      if (entry.isNew) added += 1;
      else updated += 1;
      options.onProgress?.({ documents, bytes, location: entry.document.location });
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
        countUnchanged(location, result.unchanged.bytes);
        continue;
      }
      const uri = result.kind === 'file' ? result.file.uri : result.document.uri;
      if (seen.has(uri)) continue;
      seen.add(uri);
      if (result.kind === 'file') {
        enqueue(startLoad(options.preparer, result, known));
      } else if (known.isUnchanged(uri, result.document.contentHash)) {
        countUnchanged(result.document.location, result.document.bytes);
        continue;
      } else {
        enqueue(startPreparation(options.preparer, result.document, !known.has(uri)));
      }
      // Everything held belongs to a queued entry: an empty queue holds nothing to write.
      while (queue.length > 0 && (queue.length > ahead.documents || heldBytes() > ahead.bytes)) {
        await writeNext();
      }
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

/** A document or file on its way to the store, in the order it came. */
interface Preparation {
  readonly uri: string;
  readonly isNew: boolean;
  /** Text it came with: a loaded document's; nothing for a file not read yet. */
  readonly textBytes: number;
  readonly outcome: Promise<LoadedAndPrepared>;
  /** The outcome once it has arrived, so ready documents can share a commit. */
  ready?: LoadedAndPrepared;
}

/**
 * Defaults of {@link IngestDocumentsOptions.prepareAhead}: enough that the worker threads
 * still have work queued while this thread commits. A commit that merges full-text
 * segments or checkpoints the WAL takes 100-270 ms, and 256 small pages (1.2-1.5 MB) are
 * only about 120 ms of a thread's work: with 256 the worker ran dry about 25 times per
 * Markdown bench ingest, 0.4 s in all; 1,024 won four of five alternating rounds (median
 * 5.75 s against 5.88 s; 2,048 gained nothing more). 64 had left the threads idle even
 * longer (decision 018). The byte limit bounds memory whatever the documents' sizes.
 */
const defaultPrepareAhead = { documents: 1024, bytes: 64 * 1024 * 1024 };
/** Most documents, and text, committed in one transaction. */
const writeBatch = { documents: 64, bytes: 8 * 1024 * 1024 };
/** What a commit waits for when that much is queued (bench/RESULTS.md, ingest findings). */
const minimumBatch = { documents: 32, bytes: 2 * 1024 * 1024 };

function startPreparation(
  preparer: DocumentPreparer,
  loaded: LoadedDocument,
  isNew: boolean,
): Preparation {
  const { text, ...document } = loaded;
  return {
    uri: document.uri,
    isNew,
    textBytes: text.length,
    outcome: preparer.prepare(loaded).then((chunks) => ({ kind: 'document', document, chunks })),
  };
}

function startLoad(
  preparer: DocumentPreparer,
  selected: SelectedFile,
  known: StoredFingerprints,
): Preparation {
  const { file, maxFileBytes } = selected;
  const unchangedHash = known.unchangedHash(file.uri);
  return {
    uri: file.uri,
    isNew: !known.has(file.uri),
    textBytes: 0,
    outcome: preparer.loadAndPrepare({
      file,
      maxFileBytes,
      ...(unchangedHash === undefined ? {} : { unchangedHash }),
    }),
  };
}

/** Text held for `preparation`: its document's bytes once it has arrived loaded. */
function bytesHeldFor(preparation: Preparation): number {
  const ready = preparation.ready;
  return ready?.kind === 'document' ? ready.document.bytes : preparation.textBytes;
}

/** Waits until `preparation` has its outcome or has failed; its `ready` says which. */
async function settled(preparation: Preparation): Promise<void> {
  await preparation.outcome.then(
    () => undefined,
    () => undefined,
  );
}

function documentWrite(
  source: Source,
  document: LoadedDocumentInfo,
  tags: readonly string[],
  chunks: ChunkWrites,
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
