import { describe, expect, it } from 'vitest';

import type { RunRecord, StoredRunEvent } from '../core/run-store.js';
import { formatRun, runFields } from './run-text.js';

const base: RunRecord = {
  id: 'r1',
  kind: 'implement',
  state: 'succeeded',
  workspace: '/repo',
  input: 'Fix sum',
  model: 'openai:gpt-4o',
  checkpointId: 'c1',
  stopReason: 'completed',
  report: {
    status: 'succeeded',
    stopDetail: 'final answer accepted',
    summary: 'Fixed sum.',
    checksPassed: true,
    checks: [
      { command: 'npm test', exitCode: 1, timedOut: false },
      { command: 'npm run lint', exitCode: null, timedOut: true },
      { command: 'npm test', exitCode: 0, timedOut: false },
    ],
    filesChanged: [{ path: 'src/sum.js', change: 'modified' }],
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:01:00.000Z',
};

describe('formatRun', () => {
  it('shows a finished implement run: summary, the last result of each check, files, undo', () => {
    expect(formatRun(base)).toBe(
      [
        'Run r1 (implement): succeeded, stop reason completed',
        'model openai:gpt-4o; workspace /repo; started 2026-01-01T00:00:00.000Z, updated 2026-01-01T00:01:00.000Z',
        'detail: final answer accepted',
        'summary: Fixed sum.',
        'checks passed: `npm test` exit 0, `npm run lint` exit none (timed out)',
        'files changed: modified src/sum.js',
        'undo: archon undo r1',
      ].join('\n'),
    );
  });

  it('shows how far a running run got', () => {
    const running: RunRecord = { ...base, state: 'running', stopReason: null, report: null };
    const events: StoredRunEvent[] = [
      { runId: 'r1', sequence: 1, type: 'run-started', payload: {}, createdAt: '' },
      { runId: 'r1', sequence: 2, type: 'tool-call', payload: {}, createdAt: '' },
    ];
    expect(formatRun(running, events)).toMatch(
      /\nprogress: 2 events, last tool-call; call get_run again later$/,
    );
    expect(formatRun(running)).toMatch(/\nprogress: 0 events; call get_run again later$/);
  });

  it('shows an ask answer and a failed run without a report', () => {
    const ask: RunRecord = {
      ...base,
      kind: 'ask',
      workspace: null,
      checkpointId: null,
      report: { answer: 'Use jitter [1].' },
    };
    expect(formatRun(ask)).toContain('\nsummary: Use jitter [1].');
    expect(formatRun(ask)).not.toContain('undo');
    const failed: RunRecord = {
      ...base,
      state: 'failed',
      stopReason: null,
      checkpointId: null,
      report: {
        filesChanged: [],
        checks: [{ command: 'npm test', exitCode: 1 }],
        checksPassed: false,
      },
    };
    expect(formatRun(failed)).toBe(
      [
        'Run r1 (implement): failed',
        'model openai:gpt-4o; workspace /repo; started 2026-01-01T00:00:00.000Z, updated 2026-01-01T00:01:00.000Z',
        'checks failed: `npm test` exit 1',
        'files changed: none',
      ].join('\n'),
    );
    expect(formatRun({ ...failed, report: 'not an object' })).not.toContain('checks');
  });
});

describe('runFields', () => {
  it('keeps the report fields a program wants', () => {
    expect(runFields(base)).toEqual({
      id: 'r1',
      kind: 'implement',
      state: 'succeeded',
      stopReason: 'completed',
      model: 'openai:gpt-4o',
      workspace: '/repo',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:01:00.000Z',
      summary: 'Fixed sum.',
      checksPassed: true,
      filesChanged: ['src/sum.js'],
    });
    expect(runFields({ ...base, report: null })).not.toHaveProperty('summary');
  });
});
