/** Migration 2: agent runs, their append-only event log and their transcripts. */
export const runsSchema = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('implement', 'ask')),
  state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
  workspace TEXT,
  input TEXT NOT NULL,
  model TEXT NOT NULL,
  checkpoint_id TEXT,
  stop_reason TEXT,
  report TEXT NOT NULL DEFAULT 'null',
  transcript TEXT NOT NULL DEFAULT 'null',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX runs_by_creation ON runs (created_at DESC, id);
CREATE TABLE run_events (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  sequence INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (run_id, sequence)
) WITHOUT ROWID;
`;
