/**
 * The first schema. Chunk ids come from AUTOINCREMENT so a deleted id is never
 * handed out again, and an id in the derived HNSW index always means the same
 * chunk. Triggers keep the full-text rows, the row counters and the vector change
 * log in step with every write, including cascaded deletes, so no code path can
 * forget them.
 */

/** SQL of migration 1. */
export const initialSchema = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('chunks', 0), ('embeddings', 0);

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('files', 'url', 'pack')),
  locations TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  uri TEXT NOT NULL,
  title TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  language TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  tags TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source_id, uri)
);

CREATE TABLE chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'code')),
  text TEXT NOT NULL,
  heading_path TEXT NOT NULL,
  start_line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  language TEXT NOT NULL,
  token_count INTEGER NOT NULL,
  context TEXT NOT NULL
);
-- Covers the search filters, so allowed chunk ids come from the index alone.
CREATE INDEX chunks_by_document ON chunks (document_id, language, kind);

CREATE TABLE embeddings (
  chunk_id INTEGER PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
  vector BLOB NOT NULL
);

CREATE VIRTUAL TABLE chunk_fts USING fts5 (
  title, headings, body,
  content = '',
  contentless_delete = 1,
  tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'"
);
-- Ingest commits one document at a time; merging segments less eagerly than the
-- default (4) makes those small commits markedly cheaper, at no measurable query cost.
INSERT INTO chunk_fts (chunk_fts, rank) VALUES ('automerge', 16);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  input TEXT NOT NULL,
  progress TEXT NOT NULL,
  result TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX jobs_by_state ON jobs (state, kind);

-- Present while an HNSW index is in use: the log position and identity of its saved file.
CREATE TABLE vector_index_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation INTEGER NOT NULL,
  change_seq INTEGER NOT NULL,
  file_fingerprint TEXT
);

-- Chunk ids still inside the saved index file whose vectors are gone (see sqlite-hnsw-index.ts).
CREATE TABLE vector_index_tombstones (
  chunk_id INTEGER PRIMARY KEY
);

-- Vectors inserted, updated or deleted since the saved index file (logged only while it is in use).
CREATE TABLE vector_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  chunk_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete'))
);

CREATE TRIGGER chunks_after_insert AFTER INSERT ON chunks BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'chunks';
END;

CREATE TRIGGER chunks_after_delete AFTER DELETE ON chunks BEGIN
  DELETE FROM chunk_fts WHERE rowid = old.id;
  UPDATE counters SET value = value - 1 WHERE name = 'chunks';
END;

CREATE TRIGGER embeddings_after_insert AFTER INSERT ON embeddings BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'embeddings';
  INSERT INTO vector_changes (chunk_id, kind) SELECT new.chunk_id, 'insert' FROM vector_index_state;
END;

CREATE TRIGGER embeddings_after_update AFTER UPDATE OF vector ON embeddings BEGIN
  INSERT INTO vector_changes (chunk_id, kind) SELECT new.chunk_id, 'update' FROM vector_index_state;
END;

CREATE TRIGGER embeddings_after_delete AFTER DELETE ON embeddings BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'embeddings';
  INSERT INTO vector_changes (chunk_id, kind) SELECT old.chunk_id, 'delete' FROM vector_index_state;
END;
`;
