/**
 * Durable jobs: long work (an ingest, later an agent run) recorded in the store with
 * its state and progress, so that an interrupted job can be resumed or failed.
 */

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  readonly input: unknown;
  readonly progress: unknown;
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface JobUpdate {
  readonly state?: JobState;
  readonly progress?: unknown;
  readonly result?: unknown;
  readonly error?: string | null;
}
