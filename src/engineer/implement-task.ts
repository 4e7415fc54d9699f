/**
 * `implement`: from a spec to tested code. Opens the guarded workspace, takes a
 * shadow-git checkpoint, runs the Implementation Engineer until the checks pass (the
 * output is accepted only when the runtime's own run of the checks is green) or a
 * budget stops it, then verifies once more and writes the report and the stored run.
 */
import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import {
  Agent,
  type LanguageModel,
  ModelRetry,
  type RunEvent,
  type UsageLimits,
} from '../agent/index.js';
import type { RunStore } from '../core/run-store.js';
import { checksPassed, runChecks } from './check-runner.js';
import { checkpointStoreDirectory } from './checkpoints/checkpoint-store-directory.js';
import { ShadowCheckpoints } from './checkpoints/shadow-checkpoints.js';
import {
  type CommandPolicy,
  defaultCommandPolicy,
  extendPolicy,
} from './commands/command-policy.js';
import type { EngineerDependencies, KnowledgeSearch } from './engineer-dependencies.js';
import { engineerInstructions, readWorkspaceInstructions } from './engineer-instructions.js';
import {
  runChecksTool,
  runCommandTool,
  searchCodeExamplesTool,
  searchKnowledgeTool,
} from './engineer-tools.js';
import type { ImplementationReport } from './implementation-report.js';
import { fileTools, updatePlanTool } from './tools/engineer-file-tools.js';
import { PlanBoard } from './tools/plan-board.js';
import { isTestFile } from './workspace/test-file-patterns.js';
import { WorkspaceGuard } from './workspace/workspace-guard.js';

export interface ImplementEnvironment {
  readonly knowledge: KnowledgeSearch;
  readonly runs: RunStore;
  /** ARCHON_HOME: where shadow checkpoints are kept. */
  readonly home: string;
  readonly policy?: CommandPolicy;
  readonly sandbox?: 'auto' | 'bubblewrap' | 'none';
  readonly commandTimeoutMs?: number;
}

export interface ImplementRequest {
  readonly spec: string;
  readonly workspace: string;
  readonly checks: readonly string[];
  readonly model: LanguageModel;
  readonly limits?: UsageLimits;
  readonly abortSignal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  readonly runId?: string;
}

const outputSchema = z.object({
  summary: z
    .string()
    .describe('What you changed and why, the tests you added, anything left undone.'),
  cited: z.array(z.string()).describe('URIs of knowledge base documents you followed.').optional(),
});

const engineerAgent = new Agent<EngineerDependencies, z.output<typeof outputSchema>>({
  name: 'implementation-engineer',
  instructions: (context) => context.dependencies.instructions,
  tools: [
    ...fileTools,
    updatePlanTool,
    runChecksTool,
    runCommandTool,
    searchKnowledgeTool,
    searchCodeExamplesTool,
  ],
  output: {
    schema: outputSchema,
    description:
      'Call when the work is done and the checks pass; Archon runs the checks again before accepting.',
    validators: [
      async (output, context) => {
        const records = await runChecks(
          context.dependencies,
          'final-verification',
          context.abortSignal,
        );
        if (!checksPassed(records)) {
          const failing = records.filter((record) => record.exitCode !== 0 || record.timedOut);
          throw new ModelRetry(
            `The checks still fail, so the work is not done:\n${failing
              .map(
                (record) =>
                  `$ ${record.command} -> exit ${record.exitCode ?? 'none'}\n${record.outputTail}`,
              )
              .join('\n\n')}\nFix the code (not the tests) and call final_result again.`,
          );
        }
        return output;
      },
    ],
  },
  maxOutputRetries: 4,
  maxToolRetries: 3,
});

/** Runs one implementation task end to end and returns its report (also stored with the run). */
export async function implementTask(
  environment: ImplementEnvironment,
  request: ImplementRequest,
): Promise<ImplementationReport> {
  const guard = await WorkspaceGuard.open(request.workspace);
  const runId = request.runId ?? randomUUID();
  const modelName = `${request.model.provider}:${request.model.modelId}`;
  await environment.runs.createRun({
    id: runId,
    kind: 'implement',
    workspace: guard.root,
    input: request.spec,
    model: modelName,
  });

  const checkpoints = await ShadowCheckpoints.open({
    workspace: guard.root,
    storeDirectory: checkpointStoreDirectory(environment.home, guard.root),
  });
  const checkpointId = await checkpoints.snapshot(`before run ${runId}`);
  await environment.runs.updateRun(runId, { checkpointId });

  const policy = environment.policy ?? defaultCommandPolicy;
  const commandOptions = {
    workspace: guard,
    policy,
    sandbox: environment.sandbox ?? 'auto',
    ...(environment.commandTimeoutMs ? { timeoutMs: environment.commandTimeoutMs } : {}),
  };
  const dependencies: EngineerDependencies = {
    instructions: engineerInstructions({
      workspaceInstructions: await readWorkspaceInstructions(guard.root),
      checks: request.checks,
    }),
    workspace: guard.root,
    guard,
    plan: new PlanBoard(),
    knowledge: environment.knowledge,
    checks: request.checks,
    commandOptions,
    checkOptions: {
      ...commandOptions,
      policy: extendPolicy(policy, { allow: request.checks.map(programOf) }),
    },
    records: { checks: [], commands: [], cited: new Set(), fileChanges: [] },
    onFileChange: (change) => dependencies.records.fileChanges.push(change),
  };

  const pending: Promise<unknown>[] = [];
  const result = await engineerAgent.run(request.spec, {
    model: request.model,
    dependencies,
    runId,
    ...(request.limits ? { limits: request.limits } : {}),
    ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    onEvent: (event) => {
      request.onEvent?.(event);
      pending.push(
        environment.runs
          .appendRunEvents(runId, [{ type: event.type, payload: event }])
          .catch(() => undefined),
      );
    },
  });
  await Promise.all(pending);

  const cancelled = result.stopReason === 'cancelled';
  if (!cancelled && result.stopReason !== 'completed')
    await runChecks(dependencies, 'final-verification');
  const lastRound = lastChecks(dependencies);
  const passed = lastRound.length > 0 ? checksPassed(lastRound) : result.stopReason === 'completed';
  const changed = await checkpoints.changedFiles(checkpointId);
  const report: ImplementationReport = {
    runId,
    status: cancelled
      ? 'cancelled'
      : result.stopReason === 'completed' && passed
        ? 'succeeded'
        : 'failed',
    stopReason: result.stopReason,
    stopDetail: result.stopDetail,
    model: modelName,
    workspace: guard.root,
    summary: result.output?.summary ?? result.text ?? '',
    checksPassed: passed,
    checks: dependencies.records.checks,
    filesChanged: changed.map((file) => ({ ...file, isTestFile: isTestFile(file.path) })),
    testFilesEdited: changed.filter((file) => isTestFile(file.path)).map((file) => file.path),
    diff: await checkpoints.diff(checkpointId),
    knowledgeCited: [...new Set([...dependencies.records.cited, ...(result.output?.cited ?? [])])],
    usage: result.usage,
    checkpointId,
  };
  await environment.runs.saveTranscript(runId, {
    systemPrompt: result.systemPrompt,
    messages: result.transcript,
  });
  await environment.runs.updateRun(runId, {
    state: report.status,
    stopReason: result.stopReason,
    report,
  });
  return report;
}

/** The records of the last time the whole set of checks ran. */
function lastChecks(dependencies: EngineerDependencies): EngineerDependencies['records']['checks'] {
  const count = dependencies.checks.length;
  return count === 0 ? [] : dependencies.records.checks.slice(-count);
}

function programOf(command: string): string {
  return command.trim().split(/\s+/)[0] ?? command;
}
