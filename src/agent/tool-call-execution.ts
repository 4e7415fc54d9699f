/**
 * Runs one tool call: arguments parsed and validated against the tool's schema, then
 * `execute` raced against the run's abort signal. Nothing here throws: every outcome,
 * including invalid arguments and tool exceptions, becomes text the model can read
 * (messages only, never a stack).
 */
import type { AgentTool } from './agent-tool.js';
import { raceWithAbort } from './run-abort.js';
import type { ToolContext } from './run-context.js';
import { errorMessage, ModelRetry } from './tool-errors.js';
import { summarizeValidationError } from './validation-summary.js';

/** How a call ended: `retry` counts against the tool's retry budget, `error` does not. */
export type ToolCallOutcome =
  | { readonly kind: 'success'; readonly output: string }
  | { readonly kind: 'retry'; readonly output: string; readonly executed: boolean }
  | { readonly kind: 'error'; readonly output: string }
  | { readonly kind: 'cancelled'; readonly output: string };

/** Validates `input` for `tool` and runs it. */
export async function executeToolCall<Deps>(
  tool: AgentTool<Deps>,
  input: unknown,
  context: ToolContext<Deps>,
): Promise<ToolCallOutcome> {
  const parsed = await tool.inputSchema.safeParseAsync(normalizeInput(input));
  if (!parsed.success) {
    return {
      kind: 'retry',
      executed: false,
      output:
        `Invalid arguments for ${tool.name}: ${summarizeValidationError(parsed.error)}. ` +
        `Fix the arguments and call ${tool.name} again.`,
    };
  }
  const signal = context.abortSignal;
  try {
    const value = await raceWithAbort(
      Promise.resolve().then(() => tool.execute(parsed.data, context)),
      signal,
    );
    return { kind: 'success', output: serializeOutput(value) };
  } catch (error) {
    if (signal.aborted)
      return { kind: 'cancelled', output: 'Cancelled: the run was stopped while this tool ran.' };
    if (ModelRetry.isRetry(error)) return { kind: 'retry', executed: true, output: error.message };
    return { kind: 'error', output: `Error: ${errorMessage(error)}` };
  }
}

/**
 * Arguments as the model sent them: adapters keep unparsable JSON as its raw text, and
 * some providers send nothing for a tool without parameters.
 */
export function normalizeInput(input: unknown): unknown {
  if (input === undefined || input === null || input === '') return {};
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** A tool's return value as the text the model reads. */
export function serializeOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(no output)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
