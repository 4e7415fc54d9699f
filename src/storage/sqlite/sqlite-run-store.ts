/**
 * The RunStore on the embedded SQLite file: runs, their event log and transcripts,
 * beside the knowledge base in the same database (its own connection; WAL lets both
 * work at once).
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type {
  RunCreate,
  RunKind,
  RunRecord,
  RunState,
  RunStore,
  RunUpdate,
  StoredRunEvent,
} from '../../core/run-store.js';
import { toStorageError } from './sqlite-errors.js';
import { fromJsonColumn, toJsonColumn } from './sqlite-json.js';
import { openMigratedDatabase } from './sqlite-migrated-database.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface RunRow {
  id: string;
  kind: RunKind;
  state: RunState;
  workspace: string | null;
  input: string;
  model: string;
  checkpoint_id: string | null;
  stop_reason: string | null;
  report: string;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  run_id: string;
  sequence: number;
  type: string;
  payload: string;
  created_at: string;
}

const runColumns =
  'id, kind, state, workspace, input, model, checkpoint_id, stop_reason, report, created_at, updated_at';

/** Runs stored in SQLite; `open()` before use, `close()` after. */
export class SqliteRunStore implements RunStore {
  private statements: SqliteStatements | null = null;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    if (this.statements !== null) return;
    this.statements = openMigratedDatabase(this.path);
  }

  async close(): Promise<void> {
    this.statements?.database.close();
    this.statements = null;
  }

  async createRun(run: RunCreate): Promise<RunRecord> {
    return this.use((statements) => {
      const now = new Date().toISOString();
      try {
        statements
          .prepare(
            `INSERT INTO runs (id, kind, state, workspace, input, model, created_at, updated_at)
             VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`,
          )
          .run(run.id, run.kind, run.workspace, run.input, run.model, now, now);
      } catch (error) {
        if (String(error).includes('UNIQUE')) {
          throw new ArchonError(ErrorCode.Conflict, `a run with id ${run.id} already exists`);
        }
        throw error;
      }
      return this.requireRun(statements, run.id);
    });
  }

  async updateRun(id: string, update: RunUpdate): Promise<RunRecord> {
    return this.use((statements) => {
      const current = this.requireRun(statements, id);
      statements
        .prepare(
          `UPDATE runs SET state = ?, checkpoint_id = ?, stop_reason = ?, report = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          update.state ?? current.state,
          update.checkpointId === undefined ? current.checkpointId : update.checkpointId,
          update.stopReason === undefined ? current.stopReason : update.stopReason,
          toJsonColumn(update.report === undefined ? current.report : update.report),
          new Date().toISOString(),
          id,
        );
      return this.requireRun(statements, id);
    });
  }

  async getRun(id: string): Promise<RunRecord | null> {
    return this.use((statements) => this.findRun(statements, id));
  }

  async listRuns(options: { limit?: number; kind?: RunKind } = {}): Promise<RunRecord[]> {
    const limit = options.limit ?? 50;
    return this.use((statements) => {
      const rows =
        options.kind === undefined
          ? statements
              .prepare<RunRow>(
                `SELECT ${runColumns} FROM runs ORDER BY created_at DESC, id LIMIT ?`,
              )
              .all(limit)
          : statements
              .prepare<RunRow>(
                `SELECT ${runColumns} FROM runs WHERE kind = ? ORDER BY created_at DESC, id LIMIT ?`,
              )
              .all(options.kind, limit);
      return rows.map(toRunRecord);
    });
  }

  async appendRunEvents(
    runId: string,
    events: readonly { type: string; payload: unknown }[],
  ): Promise<number[]> {
    return this.use((statements) =>
      statements.database.transaction(() => {
        this.requireRun(statements, runId);
        const last =
          statements
            .prepareValue<number | null>('SELECT max(sequence) FROM run_events WHERE run_id = ?')
            .get(runId) ?? 0;
        const insert = statements.prepare(
          'INSERT INTO run_events (run_id, sequence, type, payload, created_at) VALUES (?, ?, ?, ?, ?)',
        );
        const now = new Date().toISOString();
        return events.map((event, index) => {
          const sequence = last + index + 1;
          insert.run(runId, sequence, event.type, toJsonColumn(event.payload), now);
          return sequence;
        });
      })(),
    );
  }

  async listRunEvents(runId: string, afterSequence = 0): Promise<StoredRunEvent[]> {
    return this.use((statements) =>
      statements
        .prepare<EventRow>(
          'SELECT run_id, sequence, type, payload, created_at FROM run_events WHERE run_id = ? AND sequence > ? ORDER BY sequence',
        )
        .all(runId, afterSequence)
        .map((row) => ({
          runId: row.run_id,
          sequence: row.sequence,
          type: row.type,
          payload: fromJsonColumn(row.payload, 'run_events.payload'),
          createdAt: row.created_at,
        })),
    );
  }

  async saveTranscript(runId: string, transcript: unknown): Promise<void> {
    this.use((statements) => {
      this.requireRun(statements, runId);
      statements
        .prepare('UPDATE runs SET transcript = ? WHERE id = ?')
        .run(toJsonColumn(transcript), runId);
    });
  }

  async getTranscript(runId: string): Promise<unknown> {
    return this.use((statements) => {
      this.requireRun(statements, runId);
      const text = statements
        .prepareValue<string>('SELECT transcript FROM runs WHERE id = ?')
        .get(runId);
      return fromJsonColumn(text ?? 'null', 'runs.transcript');
    });
  }

  private findRun(statements: SqliteStatements, id: string): RunRecord | null {
    const row = statements.prepare<RunRow>(`SELECT ${runColumns} FROM runs WHERE id = ?`).get(id);
    return row === undefined ? null : toRunRecord(row);
  }

  private requireRun(statements: SqliteStatements, id: string): RunRecord {
    const run = this.findRun(statements, id);
    if (run === null)
      throw new ArchonError(ErrorCode.NotFound, `no run with id '${id}'`, { details: { id } });
    return run;
  }

  private use<T>(work: (statements: SqliteStatements) => T): T {
    if (this.statements === null) {
      throw new ArchonError(ErrorCode.StorageError, 'the run store is not open; call open() first');
    }
    try {
      return work(this.statements);
    } catch (error) {
      throw toStorageError(error);
    }
  }
}

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    workspace: row.workspace,
    input: row.input,
    model: row.model,
    checkpointId: row.checkpoint_id,
    stopReason: row.stop_reason,
    report: fromJsonColumn(row.report, 'runs.report'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
