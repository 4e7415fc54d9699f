/**
 * What every run returns, whatever happened: the stop reason, the output when there is
 * one, the full transcript in our message format, the events and the usage totals.
 */
import type { AgentMessage } from './agent-messages.js';
import type { RunEvent } from './run-events.js';
import type { RunUsage, StopReason } from './run-usage.js';
import type { UsageLimitName } from './usage-limits.js';

export type { RunUsage, StopReason } from './run-usage.js';

/** The outcome of `Agent.run`. */
export interface RunResult<Output = string> {
  readonly runId: string;
  readonly agentName: string;
  /** `provider:modelId` of the model that ran. */
  readonly model: string;
  /** The validated output (structured output), or the final text for a text agent. */
  readonly output?: Output;
  /** Text of the model's last response, when it had any. */
  readonly text?: string;
  readonly stopReason: StopReason;
  /** One line saying what stopped the run, for people and reports. */
  readonly stopDetail: string;
  /** The budget that stopped the run, when `stopReason` is `budget-exceeded`. */
  readonly exceededLimit?: UsageLimitName;
  /** The system prompt the model was given (our message format has no system role). */
  readonly systemPrompt: string;
  /** Names of the tools the model was offered, `final_result` included. */
  readonly toolNames: readonly string[];
  /** Every message of the run, uncompacted, starting with the user prompt. */
  readonly transcript: readonly AgentMessage[];
  readonly usage: RunUsage;
  readonly events: readonly RunEvent[];
}
