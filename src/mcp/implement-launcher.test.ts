import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createFixtureRepository, createMcpFixture } from '../../test/mcp/support/mcp-fixture.js';
import { FunctionModel, toolCallTurn } from '../agent/index.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { RunRecord, RunStore } from '../core/run-store.js';
import type { KnowledgeSearch } from '../engineer/engineer-dependencies.js';
import { openRunStore } from '../engineer/open-run-store.js';
import { createImplementLauncher } from './implement-launcher.js';

const noKnowledge: KnowledgeSearch = { search: async () => [] };

async function settled(runs: RunStore, id: string): Promise<RunRecord> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const run = await runs.getRun(id);
    if (run !== null && run.state !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`run ${id} did not end`);
}

describe('createImplementLauncher', () => {
  let home: string;
  let runs: RunStore & { close(): Promise<void> };

  beforeEach(async () => {
    home = (await createMcpFixture()).home;
    runs = await openRunStore(home);
  });
  afterEach(async () => {
    await runs.close();
  });

  it('returns once the run is recorded, then lets it finish in the background', async () => {
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'final_result', input: { summary: 'Nothing to change.' } }),
    ]);
    const launcher = createImplementLauncher({
      environment: { knowledge: noKnowledge, runs, home },
      model: () => model,
      limits: { maxSteps: 5 },
    });
    const { runId } = await launcher.start({
      spec: 'Check the repository.',
      workspace: createFixtureRepository(),
      checks: [],
    });
    expect(await runs.getRun(runId)).toMatchObject({ id: runId, kind: 'implement' });
    const run = await settled(runs, runId);
    expect(run).toMatchObject({ state: 'succeeded', stopReason: 'completed' });
    expect(launcher.activeRuns).toBe(0);
    await launcher.close();
  });

  it('rejects a start that cannot begin and records nothing', async () => {
    const unconfigured = createImplementLauncher({
      environment: { knowledge: noKnowledge, runs, home },
      model: () => {
        throw new ArchonError(ErrorCode.InvalidConfig, 'no language model configured');
      },
    });
    const request = { spec: 'x', workspace: createFixtureRepository(), checks: [] };
    await expect(unconfigured.start(request)).rejects.toMatchObject({ code: 'INVALID_CONFIG' });

    const launcher = createImplementLauncher({
      environment: { knowledge: noKnowledge, runs, home },
      model: () => FunctionModel.sequence([]),
    });
    await expect(
      launcher.start({ ...request, workspace: join(home, 'missing') }),
    ).rejects.toMatchObject({ code: 'PATH_NOT_FOUND' });
    expect(await runs.listRuns()).toEqual([]);
  });

  it('cancels running runs on close and waits until each has recorded its end', async () => {
    const model = new FunctionModel(
      (_request, info) =>
        new Promise((_resolve, reject) => {
          info.abortSignal?.addEventListener('abort', () =>
            reject(new ArchonError(ErrorCode.Cancelled, 'cancelled')),
          );
        }),
    );
    const launcher = createImplementLauncher({
      environment: { knowledge: noKnowledge, runs, home },
      model: () => model,
    });
    const { runId } = await launcher.start({
      spec: 'Wait forever.',
      workspace: createFixtureRepository(),
      checks: [],
    });
    expect(launcher.activeRuns).toBe(1);
    await launcher.close();
    expect(launcher.activeRuns).toBe(0);
    expect(await runs.getRun(runId)).toMatchObject({ state: 'cancelled' });
  });

  it('marks a run that throws after it was recorded as failed, with the reason', async () => {
    const notADirectory = join(home, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const reported: string[] = [];
    const launcher = createImplementLauncher({
      environment: { knowledge: noKnowledge, runs, home: notADirectory },
      model: () => FunctionModel.sequence([]),
      onRunError: (_error, where) => reported.push(where),
    });
    const { runId } = await launcher.start({
      spec: 'x',
      workspace: createFixtureRepository(),
      checks: [],
    });
    await launcher.close();
    const run = await runs.getRun(runId);
    expect(run).toMatchObject({ state: 'failed', stopReason: 'error' });
    expect(run?.report).toMatchObject({ error: { code: expect.any(String) } });
    expect(reported).toEqual([`implement run ${runId}`]);
  });
});
