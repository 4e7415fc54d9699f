import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../core/errors.js';
import { PackedChunks, plainChunks } from '../../../core/packed-chunks.js';
import { createHashingEmbedder } from '../../embed/hashing/hashing-embedder.js';
import type { FileToLoad } from '../files/walk-items.js';
import { createDocumentPreparer } from './create-document-preparer.js';
import type { FileLoadRequest, LoadedAndPrepared } from './document-preparer.js';
import { createInProcessPreparer } from './in-process-preparer.js';
import type { DocumentToPrepare } from './prepare-document.js';
import { createWorkerPreparer } from './worker-preparer.js';

const chunking = { targetTokens: 64, maxTokens: 128 };
const embedding = { provider: 'hash' as const, dimensions: 96 };

function markdown(index: number): DocumentToPrepare {
  const sections = Array.from(
    { length: 6 },
    (_, section) =>
      `## Part ${section} of guide ${index}\n\nThe \`getUserById\` helper reads row ${section}.\n\n` +
      '```ts\nconst user = await repository.getUserById(id);\nif (user === null) throw new Error(`no user ${id}`);\n' +
      'const orders = await repository.listOrders(user.id);\nconsole.log(orders.length);\n```\n',
  );
  return {
    text: `# Guide ${index}\n\n${sections.join('\n')}`,
    format: 'markdown',
    language: 'markdown',
    title: `Guide ${index}`,
  };
}

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'archon-preparer-'));
  writeFileSync(join(folder, 'guide.md'), markdown(7).text);
  writeFileSync(
    join(folder, 'page.html'),
    '<html><head><title>Retries</title></head><body><h1>Retries</h1><p>Back off.</p><pre><code>retry(3)</code></pre></body></html>',
  );
  writeFileSync(join(folder, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function fileRequest(fileName: string, extra: Partial<FileLoadRequest> = {}): FileLoadRequest {
  const html = fileName.endsWith('.html');
  const file: FileToLoad = {
    location: join(folder, fileName),
    realPath: join(folder, fileName),
    uri: `docs/${fileName}`,
    fileName,
    language: html ? 'html' : 'markdown',
    format: 'markdown',
  };
  return { file, maxFileBytes: 1 << 20, ...extra };
}

/** `loaded` with its chunks as a plain list, so packed and plain results compare equal. */
function plainLoaded(loaded: LoadedAndPrepared): LoadedAndPrepared {
  return loaded.kind === 'document' ? { ...loaded, chunks: plainChunks(loaded.chunks) } : loaded;
}

describe('worker preparer', () => {
  it('loads and prepares files as the calling thread does, stopping at the hash when unchanged', async () => {
    const local = createInProcessPreparer({
      embedder: createHashingEmbedder({ dimensions: 96 }),
      chunking,
    });
    const workers = createWorkerPreparer({ embedding, chunking, threads: 1 });
    const guideHash = createHash('sha256').update(markdown(7).text).digest('hex');
    const requests = [
      fileRequest('guide.md'),
      fileRequest('page.html'),
      fileRequest('guide.md', { unchangedHash: guideHash }),
      fileRequest('guide.md', { unchangedHash: 'another hash' }),
      fileRequest('guide.md', { maxFileBytes: 10 }),
      fileRequest('image.md'),
      fileRequest('missing.md'),
    ];
    try {
      const expected = await Promise.all(requests.map((request) => local.loadAndPrepare(request)));
      const actual = await Promise.all(requests.map((request) => workers.loadAndPrepare(request)));
      expect(actual.map(plainLoaded)).toEqual(expected);
      expect(actual.map((loaded) => loaded.kind)).toEqual([
        'document',
        'document',
        'unchanged',
        'document',
        'skipped',
        'skipped',
        'skipped',
      ]);
      const [guide, page, unchanged] = actual;
      expect(guide).toMatchObject({ document: { uri: 'docs/guide.md', contentHash: guideHash } });
      expect(guide && 'document' in guide && 'text' in guide.document).toBe(false);
      expect(page).toMatchObject({ kind: 'document', document: { title: 'Retries' } });
      expect(page?.kind === 'document' && page.chunks.length).toBeGreaterThan(0);
      expect(unchanged).toMatchObject({
        unchanged: { uri: 'docs/guide.md', contentHash: guideHash },
      });
      expect(
        actual.slice(4).map((loaded) => loaded.kind === 'skipped' && loaded.skipped.reason),
      ).toEqual(['too-large', 'binary', 'unreadable']);
    } finally {
      await workers.close();
      await local.close();
    }
  });

  it('prepares the same chunks, lexical fields and vectors as the calling thread', async () => {
    const local = createInProcessPreparer({
      embedder: createHashingEmbedder({ dimensions: 96 }),
      chunking,
    });
    const workers = createWorkerPreparer({ embedding, chunking, threads: 2 });
    try {
      const documents = Array.from({ length: 5 }, (_, index) => markdown(index));
      const [expected, actual] = await Promise.all([
        Promise.all(documents.map((document) => local.prepare(document))),
        Promise.all(
          documents.map(async (document) => plainChunks(await workers.prepare(document))),
        ),
      ]);
      expect(PackedChunks.isPacked(await workers.prepare(documents[0] as DocumentToPrepare))).toBe(
        true,
      );
      expect(actual.flat().length).toBeGreaterThan(10);
      expect(actual.flat().some((chunk) => chunk.draft.kind === 'code')).toBe(true);
      expect(actual).toEqual(expected);
      expect(actual.flat().every((chunk) => chunk.vector instanceof Float32Array)).toBe(true);
    } finally {
      await workers.close();
      await local.close();
    }
  });

  it('rejects with the thread error when the worker cannot start, and after close', async () => {
    // Complete network settings: threads refuse any embedder but the hashing one.
    const broken = createWorkerPreparer({
      embedding: {
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'remote',
        dimensions: 8,
      },
      chunking,
    });
    await expect(broken.prepare(markdown(0))).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: expect.stringContaining(
        "preparation threads run the hashing embedder only, not 'openai-compatible'",
      ),
    });
    await broken.close();
    await expect(broken.prepare(markdown(1))).rejects.toMatchObject({ code: ErrorCode.Internal });
    await broken.close();
  });

  it('reads files on the calling thread: unchanged and skipped ones never reach a thread', async () => {
    // A thread of this preparer fails at start, so only answers made here can succeed.
    const broken = createWorkerPreparer({
      embedding: { provider: 'openai-compatible' },
      chunking,
    });
    const guideHash = createHash('sha256').update(markdown(7).text).digest('hex');
    try {
      expect(
        await broken.loadAndPrepare(fileRequest('guide.md', { unchangedHash: guideHash })),
      ).toMatchObject({ kind: 'unchanged', unchanged: { contentHash: guideHash } });
      expect(
        await broken.loadAndPrepare(fileRequest('guide.md', { maxFileBytes: 10 })),
      ).toMatchObject({ skipped: { reason: 'too-large' } });
      expect(await broken.loadAndPrepare(fileRequest('missing.md'))).toMatchObject({
        skipped: { reason: 'unreadable' },
      });
      // Binary content is found by the decoding thread.
      await expect(broken.loadAndPrepare(fileRequest('image.md'))).rejects.toMatchObject({
        message: expect.stringContaining('preparation thread'),
      });
    } finally {
      await broken.close();
    }
    await expect(broken.loadAndPrepare(fileRequest('missing.md'))).rejects.toMatchObject({
      message: 'the document preparer is closed',
    });
  });

  it('counts the bytes of files read until their preparation comes back', async () => {
    const workers = createWorkerPreparer({ embedding, chunking, threads: 1 });
    try {
      expect(workers.bytesInFlight()).toBe(0);
      const guide = workers.loadAndPrepare(fileRequest('guide.md'));
      const page = workers.loadAndPrepare(fileRequest('page.html'));
      // Read at once, on this thread; a file skipped there holds nothing.
      const missing = workers.loadAndPrepare(fileRequest('missing.md'));
      const guideBytes = Buffer.byteLength(markdown(7).text);
      expect(workers.bytesInFlight()).toBeGreaterThan(guideBytes);
      await guide;
      expect(workers.bytesInFlight()).toBeLessThan(guideBytes);
      expect(workers.bytesInFlight()).toBeGreaterThan(0);
      await Promise.all([page, missing]);
      expect(workers.bytesInFlight()).toBe(0);
    } finally {
      await workers.close();
    }
  });

  it('starts its initial threads on start(), leaving room for the rest, and none after close', async () => {
    const workers = createWorkerPreparer({ embedding, chunking, threads: 3, initialThreads: 1 });
    try {
      workers.start();
      workers.start();
      // The initial thread started, so two more fit; before start() none would (see below).
      expect(workers.addThread()).toBe(true);
      expect(workers.addThread()).toBe(true);
      expect(workers.addThread()).toBe(false);
      const chunks = await workers.prepare(markdown(0));
      expect(PackedChunks.isPacked(chunks)).toBe(true);
    } finally {
      await workers.close();
    }
    workers.start();
    expect(workers.addThread()).toBe(false);
    await expect(workers.prepare(markdown(1))).rejects.toMatchObject({ code: ErrorCode.Internal });
  });

  it('rejects every later document sent to a thread that failed', async () => {
    const broken = createWorkerPreparer({
      embedding: { provider: 'openai-compatible' },
      chunking,
    });
    try {
      broken.start();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await expect(broken.prepare(markdown(attempt))).rejects.toMatchObject({
          code: ErrorCode.Internal,
          message: expect.stringContaining('preparation thread'),
        });
      }
    } finally {
      await broken.close();
    }
  });

  it('starts one thread fewer at first, and the last on addThread()', async () => {
    const local = createInProcessPreparer({
      embedder: createHashingEmbedder({ dimensions: 96 }),
      chunking,
    });
    const workers = createWorkerPreparer({ embedding, chunking, threads: 2, initialThreads: 1 });
    try {
      expect(workers.addThread()).toBe(false);
      workers.start();
      expect(workers.addThread()).toBe(true);
      expect(workers.addThread()).toBe(false);
      const documents = Array.from({ length: 6 }, (_, index) => markdown(index));
      const prepared = await Promise.all(documents.map((document) => workers.prepare(document)));
      const expected = await Promise.all(documents.map((document) => local.prepare(document)));
      expect(prepared.map(plainChunks)).toEqual(expected);
    } finally {
      await workers.close();
    }
    expect(workers.addThread()).toBe(false);
  });

  it('fails documents still in flight with CANCELLED when closed', async () => {
    const workers = createWorkerPreparer({ embedding, chunking });
    const pending = expect(workers.prepare(markdown(0))).rejects.toMatchObject({
      code: ErrorCode.Cancelled,
    });
    await workers.close();
    await pending;
  });
});

/** A preparer moving to one worker thread after `workerThresholdBytes`, and a local one. */
function thresholdPreparers(workerThresholdBytes: number) {
  const embedder = createHashingEmbedder({ dimensions: 96 });
  const local = createInProcessPreparer({ embedder, chunking });
  const preparer = createDocumentPreparer({
    embedder,
    embedding,
    chunking,
    workerThreads: 1,
    workerThresholdBytes,
  });
  return { local, preparer };
}

describe('createDocumentPreparer', () => {
  it('starts one worker fewer than allowed, and adds the last on request', async () => {
    const embedder = createHashingEmbedder({ dimensions: 96 });
    const preparer = createDocumentPreparer({
      embedder,
      embedding,
      chunking,
      workerThreads: 2,
      workerThresholdBytes: 0,
    });
    try {
      expect(PackedChunks.isPacked(await preparer.prepare(markdown(0)))).toBe(true);
      expect(preparer.addWorker?.()).toBe(true);
      expect(preparer.addWorker?.()).toBe(false);
      expect(PackedChunks.isPacked(await preparer.prepare(markdown(1)))).toBe(true);
    } finally {
      await preparer.close();
    }
  });

  it('keeps network embedders and zero threads on the calling thread', async () => {
    const embedder = createHashingEmbedder({ dimensions: 96 });
    for (const options of [
      { embedding: { provider: 'openai-compatible' as const }, workerThreads: 2 },
      { embedding, workerThreads: 0 },
    ]) {
      const preparer = createDocumentPreparer({
        embedder,
        chunking,
        workerThresholdBytes: 0,
        ...options,
      });
      const chunks = await preparer.prepare(markdown(0));
      expect(chunks.length).toBeGreaterThan(0);
      await preparer.close();
    }
  });

  it('loads files on the calling thread until the threshold, then on workers', async () => {
    // Before it is loaded, a file counts as a typical page (16 KiB): past a threshold of 1.
    const { local, preparer } = thresholdPreparers(1);
    try {
      const requests = ['guide.md', 'page.html', 'image.md', 'guide.md'].map((name) =>
        fileRequest(name),
      );
      const loaded = [];
      for (const request of requests) loaded.push(await preparer.loadAndPrepare(request));
      const expected = await Promise.all(requests.map((request) => local.loadAndPrepare(request)));
      expect(loaded.map(plainLoaded)).toEqual(expected);
      expect(
        loaded.map((result) => result.kind === 'document' && PackedChunks.isPacked(result.chunks)),
      ).toEqual([false, true, false, true]);
    } finally {
      await preparer.close();
    }
  });

  it('moves to worker threads once the threshold is passed, with identical output', async () => {
    const { local, preparer } = thresholdPreparers(markdown(0).text.length);
    try {
      const documents = Array.from({ length: 4 }, (_, index) => markdown(index));
      const prepared = await Promise.all(documents.map((document) => preparer.prepare(document)));
      const expected = await Promise.all(documents.map((document) => local.prepare(document)));
      expect(prepared.map(plainChunks)).toEqual(expected);
      expect(prepared.map((chunks) => PackedChunks.isPacked(chunks))).toEqual([
        false,
        true,
        true,
        true,
      ]);
    } finally {
      await preparer.close();
    }
  });

  it('never starts workers below the threshold', async () => {
    const { preparer } = thresholdPreparers(Number.MAX_SAFE_INTEGER);
    try {
      for (let round = 0; round < 5; round += 1) {
        const chunks = await preparer.prepare(markdown(round));
        expect(PackedChunks.isPacked(chunks)).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await preparer.close();
    }
  });
});
