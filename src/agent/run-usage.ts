/**
 * The usage totals of a run and why it stopped: the small records shared by results,
 * events and budget checks.
 */

/** Why a run ended. Only `completed` carries an output. */
export type StopReason =
  | 'completed'
  | 'budget-exceeded'
  | 'loop-detected'
  | 'cancelled'
  | 'tool-retries-exhausted'
  | 'output-retries-exhausted'
  | 'model-error';

/** Usage totals of one run. */
export interface RunUsage {
  /** Model requests sent. */
  readonly requests: number;
  /** Loop turns started; each sends one model request and runs the tools it asked for. */
  readonly steps: number;
  /** Tool calls dispatched (run, or refused as unknown or invalid); `final_result` is not counted. */
  readonly toolCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** From the price table, or the conservative fallback price for unknown models. */
  readonly costUsd: number;
  readonly durationMs: number;
}

/** The runtime's own writable copy of the totals. */
export type MutableRunUsage = { -readonly [Key in keyof RunUsage]: RunUsage[Key] };
