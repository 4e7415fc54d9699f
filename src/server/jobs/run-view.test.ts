import { describe, expect, it } from 'vitest';

import type { JobRecord } from '../../core/job-types.js';
import type { RunRecord } from '../../core/run-store.js';
import { acceptedRun, isTerminal, runLinks, runView } from './run-view.js';

const job = (overrides: Partial<JobRecord> = {}): JobRecord => ({
  id: 'run-1',
  kind: 'run',
  state: 'queued',
  input: {
    request: { kind: 'implement', spec: 'Do it.', workspace: '/repo' },
    principal: 'anonymous',
  },
  progress: null,
  result: null,
  error: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:01.000Z',
  ...overrides,
});

const run = (overrides: Partial<RunRecord> = {}): RunRecord => ({
  id: 'run-1',
  kind: 'implement',
  state: 'running',
  workspace: '/repo',
  input: 'Do it.',
  model: 'fake:model',
  checkpointId: 'abc',
  stopReason: null,
  report: null,
  createdAt: '2025-01-01T00:00:00.500Z',
  updatedAt: '2025-01-01T00:00:02.000Z',
  ...overrides,
});

describe('run views', () => {
  it('builds the accepted answer from the job alone', () => {
    expect(acceptedRun(job())).toEqual({
      id: 'run-1',
      kind: 'implement',
      state: 'queued',
      createdAt: '2025-01-01T00:00:00.000Z',
      links: runLinks('run-1'),
    });
    expect(runLinks('a b')).toEqual({
      self: '/v1/runs/a%20b',
      events: '/v1/runs/a%20b/events',
      cancel: '/v1/runs/a%20b/cancel',
    });
  });

  it('shows a queued job before the core has recorded the run', () => {
    expect(runView(job(), null)).toMatchObject({
      id: 'run-1',
      kind: 'implement',
      state: 'queued',
      input: 'Do it.',
      workspace: '/repo',
      model: null,
      report: null,
      updatedAt: '2025-01-01T00:00:01.000Z',
    });
    const ask = job({ input: { request: { kind: 'ask', question: 'Why?' }, principal: 'x' } });
    expect(runView(ask, null)).toMatchObject({ kind: 'ask', input: 'Why?', workspace: null });
  });

  it('prefers the run record, except when the job ended and the record did not', () => {
    expect(runView(job({ state: 'running' }), run())).toMatchObject({
      state: 'running',
      model: 'fake:model',
      updatedAt: '2025-01-01T00:00:02.000Z',
    });
    expect(runView(job({ state: 'failed', error: 'boom' }), run())).toMatchObject({
      state: 'failed',
      error: 'boom',
    });
    expect(
      runView(job({ state: 'succeeded' }), run({ state: 'succeeded', report: { ok: true } })),
    ).toMatchObject({
      state: 'succeeded',
      report: { ok: true },
    });
  });

  it('shows runs the CLI started (no job) and ignores jobs of other kinds', () => {
    expect(runView(null, run())).toMatchObject({
      id: 'run-1',
      state: 'running',
      error: null,
      createdAt: '2025-01-01T00:00:00.500Z',
    });
    expect(runView(job({ kind: 'ingest' }), null)).toBeNull();
    expect(runView(null, null)).toBeNull();
  });

  it('knows the terminal states', () => {
    expect(['succeeded', 'failed', 'cancelled'].every(isTerminal)).toBe(true);
    expect(['queued', 'running'].some(isTerminal)).toBe(false);
  });

  it('refuses a job that does not hold a run request', () => {
    expect(() => acceptedRun(job({ input: { nonsense: true } }))).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});
