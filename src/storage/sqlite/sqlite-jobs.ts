/**
 * Durable jobs: a row per job with its state and JSON payloads, so that a job
 * outlives the process that started it and can be resumed or failed later.
 */
import { randomUUID } from 'node:crypto';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { JobRecord, JobState, JobUpdate } from '../../core/job-types.js';
import { fromJsonColumn, toJsonColumn } from './sqlite-json.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface JobRow {
  id: string;
  kind: string;
  state: string;
  input: string;
  progress: string;
  result: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const jobStates: ReadonlySet<string> = new Set<JobState>([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

/** Records a new queued job. */
export function createJob(statements: SqliteStatements, kind: string, input: unknown): JobRecord {
  if (typeof kind !== 'string' || kind.trim() === '') {
    throw new ArchonError(ErrorCode.InvalidInput, 'job kind must not be empty');
  }
  const now = new Date().toISOString();
  const row = statements
    .prepare<JobRow>(
      `INSERT INTO jobs (id, kind, state, input, progress, result, error, created_at, updated_at)
       VALUES (?, ?, 'queued', ?, 'null', 'null', NULL, ?, ?) RETURNING *`,
    )
    .get(randomUUID(), kind, toJsonColumn(input), now, now) as JobRow;
  return toJob(row);
}

/** Applies the fields present in `update`; NOT_FOUND for an unknown id. */
export function updateJob(statements: SqliteStatements, id: string, update: JobUpdate): JobRecord {
  if (update.state !== undefined && !jobStates.has(update.state)) {
    throw new ArchonError(ErrorCode.InvalidInput, `unknown job state ${String(update.state)}`);
  }
  const row = statements
    .prepare<JobRow>(
      `UPDATE jobs SET
         state = coalesce(?, state),
         progress = CASE WHEN ? THEN ? ELSE progress END,
         result = CASE WHEN ? THEN ? ELSE result END,
         error = CASE WHEN ? THEN ? ELSE error END,
         updated_at = ?
       WHERE id = ? RETURNING *`,
    )
    .get(
      update.state ?? null,
      'progress' in update ? 1 : 0,
      toJsonColumn(update.progress),
      'result' in update ? 1 : 0,
      toJsonColumn(update.result),
      'error' in update ? 1 : 0,
      update.error ?? null,
      new Date().toISOString(),
      id,
    );
  if (row === undefined) {
    throw new ArchonError(ErrorCode.NotFound, `no job with id ${id}`, { details: { id } });
  }
  return toJob(row);
}

/** The job with this id, or null. */
export function getJob(statements: SqliteStatements, id: string): JobRecord | null {
  const row = statements.prepare<JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
  return row === undefined ? null : toJob(row);
}

/** Jobs oldest first, optionally only of one state and/or kind. */
export function listJobs(
  statements: SqliteStatements,
  filter: { state?: JobState; kind?: string } = {},
): JobRecord[] {
  return statements
    .prepare<JobRow>(
      `SELECT * FROM jobs WHERE (? IS NULL OR state = ?) AND (? IS NULL OR kind = ?)
       ORDER BY created_at, rowid`,
    )
    .all(filter.state ?? null, filter.state ?? null, filter.kind ?? null, filter.kind ?? null)
    .map(toJob);
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state as JobState,
    input: fromJsonColumn(row.input, 'jobs.input'),
    progress: fromJsonColumn(row.progress, 'jobs.progress'),
    result: fromJsonColumn(row.result, 'jobs.result'),
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
