/**
 * The RunStore contract, as a suite every implementation runs (SQLite now,
 * PostgreSQL later). It uses only the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunStore } from '../../src/core/run-store.js';

export interface RunStoreUnderTest {
  readonly store: RunStore;
  readonly cleanup: () => Promise<void>;
}

export function runRunStoreConformance(
  name: string,
  factory: () => Promise<RunStoreUnderTest>,
): void {
  describe(`RunStore conformance: ${name}`, () => {
    let underTest: RunStoreUnderTest;
    let store: RunStore;

    beforeEach(async () => {
      underTest = await factory();
      store = underTest.store;
    });
    afterEach(async () => {
      await underTest.cleanup();
    });

    const create = (id: string, kind: 'implement' | 'ask' = 'implement') =>
      store.createRun({
        id,
        kind,
        workspace: kind === 'ask' ? null : '/work/x',
        input: `spec ${id}`,
        model: 'test:model',
      });

    it('creates a running run and reads it back', async () => {
      const run = await create('run-1');
      expect(run).toMatchObject({
        id: 'run-1',
        kind: 'implement',
        state: 'running',
        workspace: '/work/x',
        input: 'spec run-1',
        model: 'test:model',
        checkpointId: null,
        stopReason: null,
        report: null,
      });
      expect(await store.getRun('run-1')).toEqual(run);
      expect(await store.getRun('missing')).toBeNull();
    });

    it('refuses a duplicate id with CONFLICT', async () => {
      await create('run-dup');
      await expect(create('run-dup')).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('updates state, checkpoint, stop reason and report, keeping what is not given', async () => {
      await create('run-2');
      const withCheckpoint = await store.updateRun('run-2', { checkpointId: 'a'.repeat(40) });
      expect(withCheckpoint.checkpointId).toBe('a'.repeat(40));
      const ended = await store.updateRun('run-2', {
        state: 'succeeded',
        stopReason: 'completed',
        report: { files: ['a.ts'], checks: [{ command: 'npm test', exitCode: 0 }] },
      });
      expect(ended).toMatchObject({
        state: 'succeeded',
        stopReason: 'completed',
        checkpointId: 'a'.repeat(40),
        report: { files: ['a.ts'], checks: [{ command: 'npm test', exitCode: 0 }] },
      });
      await expect(store.updateRun('nope', { state: 'failed' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('lists runs newest first, by kind and with a limit', async () => {
      await create('run-a');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await create('run-b', 'ask');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await create('run-c');
      expect((await store.listRuns()).map((run) => run.id)).toEqual(['run-c', 'run-b', 'run-a']);
      expect((await store.listRuns({ kind: 'ask' })).map((run) => run.id)).toEqual(['run-b']);
      expect((await store.listRuns({ limit: 2 })).map((run) => run.id)).toEqual(['run-c', 'run-b']);
    });

    it('appends events with gap-free sequences and resumes after a sequence', async () => {
      await create('run-e');
      expect(
        await store.appendRunEvents('run-e', [
          { type: 'run-started', payload: { at: 1 } },
          { type: 'step-started', payload: { step: 1 } },
        ]),
      ).toEqual([1, 2]);
      expect(
        await store.appendRunEvents('run-e', [
          { type: 'run-finished', payload: { stopReason: 'completed' } },
        ]),
      ).toEqual([3]);
      const all = await store.listRunEvents('run-e');
      expect(all.map((event) => [event.sequence, event.type])).toEqual([
        [1, 'run-started'],
        [2, 'step-started'],
        [3, 'run-finished'],
      ]);
      expect(all[2]?.payload).toEqual({ stopReason: 'completed' });
      expect((await store.listRunEvents('run-e', 2)).map((event) => event.sequence)).toEqual([3]);
      expect(await store.listRunEvents('run-e', 3)).toEqual([]);
      await expect(
        store.appendRunEvents('missing', [{ type: 'x', payload: null }]),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('saves and reads transcripts', async () => {
      await create('run-t');
      expect(await store.getTranscript('run-t')).toBeNull();
      const transcript = [{ role: 'user', content: 'do it' }];
      await store.saveTranscript('run-t', transcript);
      expect(await store.getTranscript('run-t')).toEqual(transcript);
      await expect(store.saveTranscript('missing', [])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(store.getTranscript('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
