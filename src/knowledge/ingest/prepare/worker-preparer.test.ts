import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../core/errors.js';
import { createHashingEmbedder } from '../../embed/hashing/hashing-embedder.js';
import { createDocumentPreparer } from './create-document-preparer.js';
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

describe('worker preparer', () => {
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
        Promise.all(documents.map((document) => workers.prepare(document))),
      ]);
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
    const broken = createWorkerPreparer({
      embedding: { provider: 'openai-compatible' },
      chunking,
    });
    await expect(broken.prepare(markdown(0))).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: expect.stringContaining('preparation thread'),
    });
    await broken.close();
    await expect(broken.prepare(markdown(1))).rejects.toMatchObject({ code: ErrorCode.Internal });
    await broken.close();
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

describe('createDocumentPreparer', () => {
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

  it('moves to worker threads once the threshold is passed, with identical output', async () => {
    const embedder = createHashingEmbedder({ dimensions: 96 });
    const local = createInProcessPreparer({ embedder, chunking });
    const preparer = createDocumentPreparer({
      embedder,
      embedding,
      chunking,
      workerThreads: 1,
      workerThresholdBytes: markdown(0).text.length,
    });
    try {
      const documents = Array.from({ length: 4 }, (_, index) => markdown(index));
      const prepared = await Promise.all(documents.map((document) => preparer.prepare(document)));
      const expected = await Promise.all(documents.map((document) => local.prepare(document)));
      expect(prepared).toEqual(expected);
    } finally {
      await preparer.close();
    }
  });
});
