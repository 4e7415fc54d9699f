/**
 * What instructions, tools and output validators are handed during a run: the typed
 * dependencies, the run id and step, the abort signal, and `retry` to ask the model to
 * try again.
 */
import type { LanguageModel } from './language-model.js';
import type { RunUsage } from './run-usage.js';
import { ModelRetry } from './tool-errors.js';

/** The run as instructions and output validators see it. */
export interface RunContext<Deps> {
  /** The dependencies passed to `agent.run`, typed by the agent. */
  readonly dependencies: Deps;
  readonly runId: string;
  readonly agentName: string;
  readonly model: LanguageModel;
  /** The current step (1-based; 0 before the first step). */
  readonly step: number;
  /** Usage totals so far (live, read-only). */
  readonly usage: RunUsage;
  /** Fires when the run is cancelled or runs out of time; pass it on to I/O. */
  readonly abortSignal: AbortSignal;
  /** Throws a {@link ModelRetry}: the model gets `message` and may try again. */
  retry(message: string): never;
}

/** The run as a tool sees it. */
export interface ToolContext<Deps> extends RunContext<Deps> {
  readonly toolCallId: string;
  readonly toolName: string;
  /** Retries this tool has asked for in a row before this call. */
  readonly retries: number;
}

/** The shared `retry` implementation. */
export function requestRetry(message: string): never {
  throw new ModelRetry(message);
}
