import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SqliteRunStore } from '../../storage/sqlite/sqlite-run-store.js';
import { withAssignedRunId } from './assigned-run-id.js';
import { RunChangeNotifier } from './run-change-notifier.js';

describe('RunChangeNotifier and the assigned-id run store', () => {
  let store: SqliteRunStore;

  beforeEach(async () => {
    store = new SqliteRunStore(join(mkdtempSync(join(tmpdir(), 'archon-notifier-')), 'archon.db'));
    await store.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('signals subscribers of a run on every write, and keeps a change that happened between waits', async () => {
    const notifier = new RunChangeNotifier();
    const runs = notifier.wrap(store);
    const subscription = notifier.subscribe('r1');
    const other = notifier.subscribe('r2');
    expect(notifier.watchedRuns).toBe(2);
    let recorded = 0;
    notifier.onRecorded('r1', () => (recorded += 1));
    await runs.createRun({ id: 'r1', kind: 'ask', workspace: null, input: 'q', model: 'm' });
    expect(recorded).toBe(1);
    // The change came before the wait: the wait returns at once.
    await subscription.wait(60_000);
    const waiting = subscription.wait(60_000);
    await runs.appendRunEvents('r1', [{ type: 'text', payload: { text: 'hi' } }]);
    await waiting;
    const updated = subscription.wait(60_000);
    await runs.updateRun('r1', { state: 'succeeded' });
    await updated;
    expect(await runs.listRunEvents('r1')).toHaveLength(1);
    expect((await runs.getRun('r1'))?.state).toBe('succeeded');
    expect(await runs.listRuns()).toHaveLength(1);
    await runs.saveTranscript('r1', { messages: [] });
    expect(await runs.getTranscript('r1')).toEqual({ messages: [] });
    subscription.close();
    other.close();
    expect(notifier.watchedRuns).toBe(0);
  });

  it('ends a wait on timeout or abort, and removes a recorded listener', async () => {
    const notifier = new RunChangeNotifier();
    const subscription = notifier.subscribe('r1');
    await subscription.wait(1);
    const controller = new AbortController();
    const waiting = subscription.wait(60_000, controller.signal);
    controller.abort();
    await waiting;
    await subscription.wait(60_000, controller.signal);
    let called = false;
    const remove = notifier.onRecorded('r1', () => (called = true));
    remove();
    remove();
    await notifier
      .wrap(store)
      .createRun({ id: 'r1', kind: 'ask', workspace: null, input: 'q', model: 'm' });
    expect(called).toBe(false);
    subscription.close();
  });

  it('records the run the core names under the id the server chose', async () => {
    const runs = withAssignedRunId(store, 'server-id');
    await runs.createRun({ id: 'core-id', kind: 'ask', workspace: null, input: 'q', model: 'm' });
    await runs.appendRunEvents('core-id', [{ type: 'text', payload: {} }]);
    await runs.updateRun('core-id', {
      state: 'succeeded',
      report: { runId: 'core-id', answer: 'a' },
    });
    await runs.saveTranscript('core-id', ['t']);
    expect(await store.getRun('core-id')).toBeNull();
    expect(await runs.getRun('core-id')).toMatchObject({
      id: 'server-id',
      report: { runId: 'server-id', answer: 'a' },
    });
    expect(await runs.listRunEvents('core-id')).toHaveLength(1);
    expect(await runs.getTranscript('core-id')).toEqual(['t']);
    expect(await runs.listRuns()).toHaveLength(1);
    await runs.updateRun('core-id', { report: { runId: 'elsewhere' } });
    expect((await store.getRun('server-id'))?.report).toEqual({ runId: 'elsewhere' });
    await runs.updateRun('core-id', { report: 'plain' });
    expect((await store.getRun('server-id'))?.report).toBe('plain');
  });
});
