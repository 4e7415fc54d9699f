/**
 * The preparer that runs on worker threads, so decoding, chunking, tokenizing and
 * embedding one document overlap with writing the one before (files are read and
 * hashed on the calling thread, and their bytes moved to a thread). Threads start on `start()`
 * or the first document (all but the ones left for `addThread()`), and each gets the
 * next document when it has the fewest in flight. A thread that dies fails its documents,
 * and any sent to it later, with INTERNAL; the ingest stops, and what was written
 * stays consistent because every write is one transaction.
 */
import { Worker } from 'node:worker_threads';

import { ArchonError, ErrorCode } from '../../../core/errors.js';
import type { ChunkWrites } from '../../../core/knowledge-store.js';
import { PackedChunks, type PackedChunksState } from '../../../core/packed-chunks.js';
import { readFileBytesSync } from '../files/file-loader.js';
import type { DocumentPreparer, FileLoadRequest, LoadedAndPrepared } from './document-preparer.js';
import { unchangedCheckOf } from './load-and-prepare.js';
import type { DocumentToPrepare } from './prepare-document.js';
import type {
  PostedLoadResult,
  PrepareRequest,
  PrepareResponse,
  PrepareWorkerData,
} from './prepare-protocol.js';

/** Options of {@link createWorkerPreparer}. */
export interface WorkerPreparerOptions extends PrepareWorkerData {
  /** Most worker threads; 1 unless set. */
  readonly threads?: number;
  /** Threads started at first; the rest come with `addThread()`. All of them unless set. */
  readonly initialThreads?: number;
}

type Answer = Exclude<PrepareResponse, { error: unknown }>;

interface Pending {
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: ArchonError) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Why the thread is gone, once it is. */
  failure?: ArchonError;
}

/** The worker preparer: a document preparer whose threads can start ahead of use, or later. */
export interface WorkerPreparer extends DocumentPreparer {
  /** Starts one more thread, up to `threads`, once the first have started; false if none. */
  addThread(): boolean;
  /** Starts the threads without sending them work; does nothing once they have started. */
  start(): void;
  /** Bytes of files read on the calling thread whose preparation has not come back. */
  bytesInFlight(): number;
}

const errorCodes = new Set<string>(Object.values(ErrorCode));

/** Prepares documents on worker threads; see the module header. */
export function createWorkerPreparer(options: WorkerPreparerOptions): WorkerPreparer {
  const threadCount = Math.max(1, Math.floor(options.threads ?? 1));
  const initialCount = Math.min(
    threadCount,
    Math.max(1, Math.floor(options.initialThreads ?? threadCount)),
  );
  const workerData: PrepareWorkerData = {
    embedding: options.embedding,
    chunking: options.chunking,
  };
  let threads: Thread[] | null = null;
  let closed = false;
  let nextId = 0;
  let bytesInFlight = 0;

  const start = (): Thread[] => Array.from({ length: initialCount }, () => startThread(workerData));

  const closedError = () => new ArchonError(ErrorCode.Internal, 'the document preparer is closed');

  /**
   * Sends `request` (given its id) to the thread with the fewest requests in flight,
   * moving the buffers in `transfer`.
   */
  const send = (
    request: (id: number) => PrepareRequest,
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<Answer> => {
    if (closed) return Promise.reject(closedError());
    threads ??= start();
    const thread = threads.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    if (thread.failure !== undefined) return Promise.reject(thread.failure);
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      // A thread with work keeps the process alive; an idle one must not.
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(request(id), transfer);
    });
  };

  return {
    start(): void {
      if (!closed) threads ??= start();
    },
    addThread(): boolean {
      if (closed || threads === null || threads.length >= threadCount) return false;
      threads.push(startThread(workerData));
      return true;
    },
    // A thread answers each request in kind: chunks for a document, a load result for a file.
    async prepare(document: DocumentToPrepare): Promise<ChunkWrites> {
      const answer = await send((id) => ({ id, document }));
      return PackedChunks.revive((answer as { chunks: PackedChunksState }).chunks);
    },
    /**
     * Reads and hashes the file on this thread, with blocking calls, and moves its bytes
     * to a thread that decodes and prepares them. A read costs a few microseconds here,
     * less than the thread spent on it, and an unchanged file never leaves this thread.
     */
    async loadAndPrepare(request: FileLoadRequest): Promise<LoadedAndPrepared> {
      if (closed) throw closedError();
      const { file, maxFileBytes } = request;
      const read = readFileBytesSync(file, maxFileBytes, unchangedCheckOf(request));
      if (read.kind !== 'bytes') return read;
      const { bytes, contentHash } = read;
      const size = bytes.length;
      bytesInFlight += size;
      let answer: Answer;
      try {
        answer = await send(
          (id) => ({ id, file: { file, bytes, contentHash } }),
          [bytes.buffer as ArrayBuffer],
        );
      } finally {
        bytesInFlight -= size;
      }
      const { loaded } = answer as { loaded: PostedLoadResult };
      if (loaded.kind !== 'document') return loaded;
      return { ...loaded, chunks: PackedChunks.revive(loaded.chunks) };
    },
    bytesInFlight: () => bytesInFlight,
    async close(): Promise<void> {
      closed = true;
      const running = threads ?? [];
      threads = null;
      for (const thread of running) {
        failAll(thread, new ArchonError(ErrorCode.Cancelled, 'the document preparer was closed'));
      }
      await Promise.all(running.map((thread) => thread.worker.terminate()));
    },
  };
}

function startThread(workerData: PrepareWorkerData): Thread {
  const pending = new Map<number, Pending>();
  const worker = spawnPrepareWorker(workerData);
  const thread: Thread = { worker, pending };
  worker.on('message', (response: PrepareResponse) => {
    const waiting = pending.get(response.id);
    if (waiting === undefined) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if ('error' in response) waiting.reject(fromTransferredError(response.error));
    else waiting.resolve(response);
  });
  worker.on('error', (error) => {
    failAll(
      thread,
      new ArchonError(ErrorCode.Internal, `a preparation thread failed: ${error.message}`),
    );
  });
  worker.on('exit', (code) => {
    failAll(
      thread,
      new ArchonError(ErrorCode.Internal, `a preparation thread exited (code ${code})`),
    );
  });
  worker.unref();
  return thread;
}

function failAll(thread: Thread, error: ArchonError): void {
  thread.failure ??= error;
  for (const waiting of thread.pending.values()) waiting.reject(error);
  thread.pending.clear();
}

function fromTransferredError(error: { code: string; message: string }): ArchonError {
  const code = errorCodes.has(error.code) ? (error.code as ErrorCode) : ErrorCode.Internal;
  return new ArchonError(code, error.message);
}

/**
 * Starts the worker entry next to this module: the compiled `.js` in a build, or the
 * `.ts` source through tsx's loader when running from sources (tests, benchmarks).
 */
function spawnPrepareWorker(workerData: PrepareWorkerData): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSources ? './prepare-worker-entry.ts' : './prepare-worker-entry.js',
    import.meta.url,
  );
  if (!fromSources) return new Worker(entry, { workerData });
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
