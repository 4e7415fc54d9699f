/**
 * The event stream of a run. Every event carries the run id, a sequence number (1, 2,
 * ...) and a timestamp from the run's clock; names are noun-action. The same events are
 * kept in the run result, so a stored run can be replayed for a viewer.
 */
import type { FinishReason, ModelUsage } from './language-model.js';
import type { RunUsage, StopReason } from './run-usage.js';
import type { ResolvedUsageLimits, UsageLimitName } from './usage-limits.js';

interface RunEventBase {
  readonly runId: string;
  /** 1 for the first event of a run, then one more for each. */
  readonly sequence: number;
  /** Milliseconds from the run's clock (`Date.now` unless a clock is injected). */
  readonly timestamp: number;
}

export interface RunStartedEvent extends RunEventBase {
  readonly type: 'run-started';
  readonly agentName: string;
  /** `provider:modelId`. */
  readonly model: string;
  readonly limits: ResolvedUsageLimits;
}

export interface StepStartedEvent extends RunEventBase {
  readonly type: 'step-started';
  readonly step: number;
}

export interface ModelRequestEvent extends RunEventBase {
  readonly type: 'model-request';
  readonly step: number;
  readonly messageCount: number;
  readonly toolCount: number;
  readonly estimatedInputTokens: number;
  /** The output cap sent with the request, when a budget required one. */
  readonly maxOutputTokens?: number;
}

export interface ModelResponseEvent extends RunEventBase {
  readonly type: 'model-response';
  readonly step: number;
  readonly finishReason: FinishReason;
  readonly usage: ModelUsage;
  readonly toolCallCount: number;
  readonly durationMs: number;
}

export interface TextEvent extends RunEventBase {
  readonly type: 'text';
  readonly step: number;
  readonly text: string;
}

export interface ToolCallEvent extends RunEventBase {
  readonly type: 'tool-call';
  readonly step: number;
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
}

export interface ToolResultEvent extends RunEventBase {
  readonly type: 'tool-result';
  readonly step: number;
  readonly toolCallId: string;
  readonly toolName: string;
  /** What the model reads back (after truncation). */
  readonly output: string;
  readonly isError: boolean;
  /** Whether the tool ran (false for unknown tools, invalid arguments, refused or skipped calls). */
  readonly executed: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
}

export interface UsageEvent extends RunEventBase {
  readonly type: 'usage';
  readonly step: number;
  /** Totals of the run so far. */
  readonly usage: RunUsage;
}

/** What a warning is about. */
export type WarningKind =
  | 'loop-warning'
  | 'context-compacted'
  | 'context-over-window'
  | 'fallback-price'
  | 'empty-response';

export interface WarningEvent extends RunEventBase {
  readonly type: 'warning';
  readonly step: number;
  readonly kind: WarningKind;
  readonly message: string;
}

export interface RunFinishedEvent extends RunEventBase {
  readonly type: 'run-finished';
  readonly stopReason: StopReason;
  readonly stopDetail: string;
  readonly exceededLimit?: UsageLimitName;
  readonly usage: RunUsage;
}

/** Any event of a run. */
export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | ModelRequestEvent
  | ModelResponseEvent
  | TextEvent
  | ToolCallEvent
  | ToolResultEvent
  | UsageEvent
  | WarningEvent
  | RunFinishedEvent;

export type RunEventType = RunEvent['type'];

/** The fields of event `Type` that its emitter supplies. */
export type RunEventPayload<Type extends RunEventType> = Omit<
  Extract<RunEvent, { type: Type }>,
  keyof RunEventBase | 'type'
>;

/** Receives each event as it happens. Exceptions it throws are ignored: a listener cannot break a run. */
export type RunEventListener = (event: RunEvent) => void;

/** Numbers, stamps, keeps and forwards the events of one run. */
export class RunEventLog {
  readonly events: RunEvent[] = [];

  constructor(
    private readonly runId: string,
    private readonly clock: () => number,
    private readonly listener?: RunEventListener,
  ) {}

  emit<Type extends RunEventType>(type: Type, payload: RunEventPayload<Type>): void {
    const event = {
      type,
      runId: this.runId,
      sequence: this.events.length + 1,
      timestamp: this.clock(),
      ...payload,
    } as unknown as RunEvent;
    this.events.push(event);
    if (this.listener === undefined) return;
    try {
      this.listener(event);
    } catch {
      // A failing listener must not change the run; the event is kept in the result.
    }
  }
}
