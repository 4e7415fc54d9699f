/**
 * The tool calls of one model response. A valid `final_result` ends the run and the
 * other calls are not run ("early" end). Otherwise each call, in order, passes loop
 * detection and the tool-call budget, then runs; every call gets exactly one result,
 * also when it is refused or skipped, so tool calls and results always pair up.
 */
import type { ToolCallPart, ToolResultPart } from './agent-messages.js';
import { finalResultToolName, type OutputCheck } from './final-output.js';
import { canonicalJson, type LoopVerdict } from './loop-detector.js';
import { raceWithAbort } from './run-abort.js';
import { requestRetry, type ToolContext } from './run-context.js';
import type { RunState } from './run-state.js';
import { oneLine } from './text-preview.js';
import { executeToolCall, type ToolCallOutcome } from './tool-call-execution.js';
import { errorMessage } from './tool-errors.js';
import { truncateToolOutput } from './tool-output-truncation.js';

/** Retry-counter key shared by calls to tools that do not exist. */
const unknownToolKey = '\u0000unknown tool';

/** Runs the calls of the current step and appends their results as one tool message. */
export async function runToolCallRound<Deps, Output>(
  run: RunState<Deps, Output>,
  calls: readonly ToolCallPart[],
): Promise<void> {
  const results: ToolResultPart[] = [];
  const finalIndex =
    run.blueprint.finalResult === undefined
      ? -1
      : calls.findIndex((call) => call.toolName === finalResultToolName);
  const finalPart = finalIndex === -1 ? undefined : await checkFinalResult(run, calls[finalIndex]!);
  const finalAccepted = finalPart !== undefined && !finalPart.isError;
  const others = calls.filter((call, index) => index !== finalIndex);
  const { verdicts, repeats } = finalAccepted
    ? { verdicts: [], repeats: 0 }
    : run.loops.observeStep(others.filter((call) => call.toolName !== finalResultToolName));
  let verdictIndex = 0;
  for (const [index, call] of calls.entries()) {
    if (index === finalIndex) {
      results.push(finalPart!);
      continue;
    }
    const isExtraFinal = finalIndex !== -1 && call.toolName === finalResultToolName;
    const verdict = isExtraFinal || finalAccepted ? 'run' : verdicts[verdictIndex++]!;
    results.push(await runOneCall(run, call, { verdict, repeats, finalAccepted, isExtraFinal }));
  }
  run.append({ role: 'tool', results });
  if (finalAccepted) {
    run.finish('completed', `the model gave a valid final result in step ${run.usage.steps}`);
  }
}

/** Checks the `final_result` call and returns its result part. */
async function checkFinalResult<Deps, Output>(
  run: RunState<Deps, Output>,
  call: ToolCallPart,
): Promise<ToolResultPart> {
  const step = run.usage.steps;
  run.log.emit('tool-call', {
    step,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    input: call.input,
  });
  const started = run.settings.clock();
  const signal = run.abort.signal;
  let check: OutputCheck<Output>;
  try {
    check = await raceWithAbort(
      run.blueprint.finalResult!.check(call.input, run.runContext()),
      signal,
    );
  } catch (error) {
    if (signal.aborted) run.finishAborted(`while the final result was checked in step ${step}`);
    const message = signal.aborted
      ? 'Cancelled: the run was stopped while the final result was checked.'
      : `The output could not be checked: ${errorMessage(error)}`;
    check = { accepted: false, message };
  }
  const output = check.accepted ? 'Final result accepted.' : check.message;
  run.log.emit('tool-result', {
    step,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    output,
    isError: !check.accepted,
    executed: true,
    truncated: false,
    durationMs: run.settings.clock() - started,
  });
  if (check.accepted) run.acceptOutput(check.output);
  else run.countOutputRetry(check.message);
  return { toolCallId: call.toolCallId, toolName: call.toolName, output, isError: !check.accepted };
}

interface CallPlan {
  readonly verdict: LoopVerdict;
  readonly repeats: number;
  readonly finalAccepted: boolean;
  readonly isExtraFinal: boolean;
}

async function runOneCall<Deps, Output>(
  run: RunState<Deps, Output>,
  call: ToolCallPart,
  plan: CallPlan,
): Promise<ToolResultPart> {
  const step = run.usage.steps;
  const { toolCallId, toolName } = call;
  run.log.emit('tool-call', { step, toolCallId, toolName, input: call.input });
  const started = run.settings.clock();
  const reply = (
    output: string,
    isError: boolean,
    executed: boolean,
    truncated = false,
  ): ToolResultPart => {
    run.log.emit('tool-result', {
      step,
      toolCallId,
      toolName,
      output,
      isError,
      executed,
      truncated,
      durationMs: run.settings.clock() - started,
    });
    return { toolCallId, toolName, output, isError };
  };
  const refusal = refuse(run, call, plan);
  if (refusal !== undefined) return reply(refusal, true, false);
  run.usage.toolCalls += 1;
  const tool = run.blueprint.tools.get(toolName);
  const outcome: ToolCallOutcome =
    tool === undefined
      ? {
          kind: 'retry',
          executed: false,
          output: `Unknown tool "${toolName}". Available tools: ${run.blueprint.toolNames.join(', ') || '(none)'}.`,
        }
      : await executeToolCall(tool, call.input, toolContext(run, call));
  const limit = Math.min(tool?.maxOutputCharacters ?? Infinity, run.maxToolOutputCharacters);
  const shown = truncateToolOutput(outcome.output, limit, tool?.truncationHint);
  const retryKey = tool === undefined ? unknownToolKey : toolName;
  if (outcome.kind === 'success') {
    run.toolRetries.delete(toolName);
    run.toolRetries.delete(unknownToolKey);
  } else if (outcome.kind === 'retry') {
    countToolRetry(
      run,
      retryKey,
      tool?.maxRetries ?? run.blueprint.maxToolRetries,
      toolName,
      outcome.output,
    );
  } else if (outcome.kind === 'cancelled') {
    run.finishAborted(`while tool ${toolName} ran in step ${step}`);
  }
  const executed =
    outcome.kind === 'success' ||
    outcome.kind === 'error' ||
    outcome.kind === 'cancelled' ||
    (outcome.kind === 'retry' && outcome.executed);
  return reply(shown.text, outcome.kind !== 'success', executed, shown.truncated);
}

/** The reason a call is not run, or `undefined` to run it. May stop the run. */
function refuse<Deps, Output>(
  run: RunState<Deps, Output>,
  call: ToolCallPart,
  plan: CallPlan,
): string | undefined {
  const { toolName } = call;
  if (plan.isExtraFinal) return 'Not run: only the first final_result call of a response is used.';
  if (plan.finalAccepted) return 'Not run: the final result was accepted, which ends the run.';
  const stopped = run.stopped;
  if (stopped !== undefined)
    return `Not run: the run stopped before this call (${stopped.reason}).`;
  if (run.abort.signal.aborted) {
    run.finishAborted(`before tool ${toolName} ran in step ${run.usage.steps}`);
    return 'Not run: the run was stopped.';
  }
  const argumentsText = oneLine(canonicalJson(call.input));
  if (plan.verdict === 'stop') {
    run.finish(
      'loop-detected',
      `${toolName} was called ${plan.repeats} times in a row with the same arguments ${argumentsText}`,
    );
    return `Not run: this identical call was repeated ${plan.repeats} times in a row; the run stops here (loop detected).`;
  }
  if (plan.verdict === 'warn') {
    run.warn(
      'loop-warning',
      `${toolName} called ${plan.repeats} times in a row with ${argumentsText}; the model was warned`,
    );
    return (
      `Not run: this is identical call number ${plan.repeats} in a row to ${toolName} with the same ` +
      'arguments, so its result would not change. Do something different; repeating this call again stops the run.'
    );
  }
  const budget = run.settings.limits.maxToolCalls;
  if (run.usage.toolCalls >= budget) {
    run.finish(
      'budget-exceeded',
      `tool-call budget of ${budget.toLocaleString('en-US')} calls used up: the model asked for more in step ${run.usage.steps}`,
      'maxToolCalls',
    );
    return `Not run: the tool-call budget of ${budget} calls is used up.`;
  }
  return undefined;
}

function countToolRetry<Deps, Output>(
  run: RunState<Deps, Output>,
  key: string,
  budget: number,
  toolName: string,
  message: string,
): void {
  const retries = (run.toolRetries.get(key) ?? 0) + 1;
  run.toolRetries.set(key, retries);
  if (retries <= budget) return;
  const subject =
    key === unknownToolKey
      ? `the model called unknown tools (last: ${toolName})`
      : `tool ${toolName} needed a retry`;
  run.finish(
    'tool-retries-exhausted',
    `${subject} ${retries} times in a row (budget: ${budget} retries); last: ${oneLine(message)}`,
  );
}

function toolContext<Deps, Output>(
  run: RunState<Deps, Output>,
  call: ToolCallPart,
): ToolContext<Deps> {
  return {
    dependencies: run.settings.dependencies,
    runId: run.settings.runId,
    agentName: run.blueprint.name,
    model: run.settings.model,
    step: run.usage.steps,
    usage: run.usage,
    abortSignal: run.abort.signal,
    retry: requestRetry,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    retries: run.toolRetries.get(call.toolName) ?? 0,
  };
}
