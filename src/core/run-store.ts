/**
 * Storage contract for agent runs: the run record, its event log (append-only, with
 * sequence numbers so a client can resume a stream), and its transcript. SQLite now,
 * PostgreSQL later, through the same conformance suite.
 */

export type RunKind = 'implement' | 'ask';
export type RunState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunRecord {
  readonly id: string;
  readonly kind: RunKind;
  readonly state: RunState;
  /** Workspace directory for implement runs; null for ask. */
  readonly workspace: string | null;
  /** The spec or question. */
  readonly input: string;
  readonly model: string;
  /** Shadow-git checkpoint taken before the first edit, for `archon undo`. */
  readonly checkpointId: string | null;
  readonly stopReason: string | null;
  /** The final report (JSON), once the run has ended. */
  readonly report: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RunCreate {
  readonly id: string;
  readonly kind: RunKind;
  readonly workspace: string | null;
  readonly input: string;
  readonly model: string;
}

export interface RunUpdate {
  readonly state?: RunState;
  readonly checkpointId?: string | null;
  readonly stopReason?: string | null;
  readonly report?: unknown;
}

export interface StoredRunEvent {
  readonly runId: string;
  /** 1-based, gap-free within a run. */
  readonly sequence: number;
  readonly type: string;
  readonly payload: unknown;
  readonly createdAt: string;
}

export interface RunStore {
  createRun(run: RunCreate): Promise<RunRecord>;
  updateRun(id: string, update: RunUpdate): Promise<RunRecord>;
  getRun(id: string): Promise<RunRecord | null>;
  /** Newest first. */
  listRuns(options?: { limit?: number; kind?: RunKind }): Promise<RunRecord[]>;
  /** Appends events in order; returns their sequence numbers. */
  appendRunEvents(
    runId: string,
    events: readonly { type: string; payload: unknown }[],
  ): Promise<number[]>;
  listRunEvents(runId: string, afterSequence?: number): Promise<StoredRunEvent[]>;
  saveTranscript(runId: string, transcript: unknown): Promise<void>;
  getTranscript(runId: string): Promise<unknown>;
}
