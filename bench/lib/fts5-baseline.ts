/**
 * The plain-FTS5 baseline every knowledge-base number is set against: one FTS5
 * table in a SQLite file (WAL, synchronous NORMAL, like the real store), rows
 * inserted one transaction each, searched with `MATCH` ordered by bm25 rank.
 * No chunking, no embeddings, no identifier-aware tokenizer.
 */
import Database from 'better-sqlite3';

/** An open baseline table. */
export interface Fts5Baseline {
  /** Inserts one row in its own transaction. */
  insert(name: string, body: string): void;
  /** Inserts many rows in one transaction (for building large tables quickly). */
  insertMany(rows: readonly (readonly [name: string, body: string])[]): void;
  /** Names of the `limit` best rows for an FTS5 query string. */
  search(match: string, limit: number): string[];
  close(): void;
}

/** Opens (creating) a baseline database at `path`. */
export function openFts5Baseline(path: string): Fts5Baseline {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5 (name UNINDEXED, body, tokenize = 'porter unicode61')`,
  );
  const insertStatement = database.prepare('INSERT INTO passages (name, body) VALUES (?, ?)');
  const insertOne = database.transaction((name: string, body: string) => {
    insertStatement.run(name, body);
  });
  const insertAll = database.transaction((rows: readonly (readonly [string, string])[]) => {
    for (const [name, body] of rows) insertStatement.run(name, body);
  });
  const searchStatement = database
    .prepare<[string, number], { name: string }>(
      'SELECT name FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?',
    )
    .pluck(false);
  return {
    insert: (name, body) => insertOne(name, body),
    insertMany: (rows) => insertAll(rows),
    search: (match, limit) => searchStatement.all(match, limit).map((row) => row.name),
    close: () => database.close(),
  };
}

/**
 * A user query as an FTS5 expression: its words quoted and OR-ed, the usual
 * way to run free text through MATCH without syntax errors.
 */
export function freeTextMatch(query: string): string {
  const words = query.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((word) => `"${word}"`).join(' OR ');
}
