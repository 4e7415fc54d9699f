/**
 * The state of one run as the step handlers see it (agent-run.ts implements it). Kept
 * as an interface so the handlers (model responses, tool-call rounds) do not import the
 * loop, and the loop does not grow into one large file.
 */
import type { AgentMessage } from './agent-messages.js';
import type { AgentBlueprint, ResolvedContextOptions } from './agent-options.js';
import type { LanguageModel } from './language-model.js';
import type { LoopDetector } from './loop-detector.js';
import type { PriceTable } from './model-pricing.js';
import type { RunAbort } from './run-abort.js';
import type { RunContext } from './run-context.js';
import type { RunEventListener, RunEventLog, WarningKind } from './run-events.js';
import type { MutableRunUsage, StopReason } from './run-usage.js';
import type { ResolvedUsageLimits, UsageLimitName } from './usage-limits.js';

/** Everything one run needs besides the agent. */
export interface RunSettings<Deps> {
  readonly model: LanguageModel;
  readonly dependencies: Deps;
  readonly limits: ResolvedUsageLimits;
  readonly context: ResolvedContextOptions;
  /** Searched in order; the built-in table last. */
  readonly prices: readonly PriceTable[];
  readonly runId: string;
  readonly clock: () => number;
  readonly abortSignal?: AbortSignal;
  readonly onEvent?: RunEventListener;
}

/** Why the run stopped. */
export interface RunStop {
  readonly reason: StopReason;
  readonly detail: string;
  readonly limit?: UsageLimitName;
}

/** One run's state and the actions step handlers may take on it. */
export interface RunState<Deps, Output> {
  readonly blueprint: AgentBlueprint<Deps, Output>;
  readonly settings: RunSettings<Deps>;
  readonly usage: MutableRunUsage;
  readonly log: RunEventLog;
  readonly loops: LoopDetector;
  readonly abort: RunAbort;
  /** Retries in a row per tool name (unknown tools share one entry). */
  readonly toolRetries: Map<string, number>;
  /** The longest tool output the model reads, after the context window's own cap. */
  readonly maxToolOutputCharacters: number;
  /** Set once the run has a stop reason. */
  readonly stopped: RunStop | undefined;
  /** Text of the latest response, if it had any. */
  lastText: string | undefined;
  runContext(): RunContext<Deps>;
  /** Ends the run (the first reason given wins). */
  finish(reason: StopReason, detail: string, limit?: UsageLimitName): void;
  /** Ends the run after its signal fired: cancelled by the caller, or out of time. */
  finishAborted(where: string): void;
  warn(kind: WarningKind, message: string): void;
  /** Adds a message to the transcript. */
  append(message: AgentMessage): void;
  /** Keeps the validated final output. */
  acceptOutput(output: Output): void;
  /** Counts one rejected output; stops the run when the output retry budget is exceeded. */
  countOutputRetry(reason: string): void;
}
