/**
 * The preparation worker as the built package runs it: `dist/` spawns the compiled
 * `.js` entry with no loader, so this path must work with production dependencies.
 * `npm test` builds `dist/` first (pretest).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type * as PackedChunksModule from '../../src/core/packed-chunks.js';
import type * as WorkerPreparerModule from '../../src/knowledge/ingest/prepare/worker-preparer.js';

const built = new URL('../../dist/knowledge/ingest/prepare/worker-preparer.js', import.meta.url);
const builtPackedChunks = new URL('../../dist/core/packed-chunks.js', import.meta.url);

describe('preparation worker from the build', () => {
  it('prepares a document on a thread started from the compiled entry', async () => {
    expect(existsSync(fileURLToPath(built)), 'run `npm run build` first').toBe(true);
    const { createWorkerPreparer } = (await import(built.href)) as typeof WorkerPreparerModule;
    // The build's own class: chunks are recognized as packed by class, not by shape.
    const { plainChunks } = (await import(builtPackedChunks.href)) as typeof PackedChunksModule;
    const preparer = createWorkerPreparer({ embedding: { provider: 'hash', dimensions: 64 } });
    try {
      const packed = await preparer.prepare({
        text: '# Pools\n\nUse `createPool` with a bounded size and close it on shutdown.\n',
        format: 'markdown',
        language: 'markdown',
        title: 'Pools',
      });
      const chunks = plainChunks(packed);
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks[0]?.vector).toBeInstanceOf(Float32Array);
      expect(chunks[0]?.vector.length).toBe(64);
      expect(chunks[0]?.lexical.body).toContain('createpool');
    } finally {
      await preparer.close();
    }
  });
});
