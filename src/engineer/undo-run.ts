/** `archon undo <run>`: restores a workspace to the checkpoint taken before the run. */
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { RunStore } from '../core/run-store.js';
import { checkpointStoreDirectory } from './checkpoints/checkpoint-store-directory.js';
import { ShadowCheckpoints } from './checkpoints/shadow-checkpoints.js';

export interface UndoResult {
  readonly runId: string;
  readonly workspace: string;
  readonly restored: readonly string[];
  readonly deleted: readonly string[];
}

/** Restores the run's workspace; NOT_FOUND for an unknown run, INVALID_INPUT for a run without checkpoint. */
export async function undoRun(
  environment: { runs: RunStore; home: string },
  runId: string,
): Promise<UndoResult> {
  const run = await environment.runs.getRun(runId);
  if (run === null)
    throw new ArchonError(ErrorCode.NotFound, `no run with id '${runId}' (see \`archon runs\`)`);
  if (run.workspace === null || run.checkpointId === null) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `run ${runId} has no workspace checkpoint to restore`,
    );
  }
  const checkpoints = await ShadowCheckpoints.open({
    workspace: run.workspace,
    storeDirectory: checkpointStoreDirectory(environment.home, run.workspace),
  });
  const { restored, deleted } = await checkpoints.restore(run.checkpointId);
  return { runId, workspace: run.workspace, restored, deleted };
}
