/**
 * Prepared statements, prepared once per connection and reused: preparing costs
 * more than running a small statement, and filtered searches build a handful of
 * SQL shapes that repeat.
 */
import type { Statement } from 'better-sqlite3';

import type { SqliteDatabase } from './sqlite-connection.js';

/** Bound values of a statement: positional parameters only. */
export type SqlParameters = unknown[];

/** A connection with a cache of its prepared statements. */
export class SqliteStatements {
  readonly database: SqliteDatabase;
  private readonly cache = new Map<string, Statement>();

  constructor(database: SqliteDatabase) {
    this.database = database;
  }

  /** The prepared statement for `sql`, typed by its row shape. */
  prepare<Row = unknown>(sql: string): Statement<SqlParameters, Row> {
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement as Statement<SqlParameters, Row>;
  }

  /** The prepared statement for `sql` returning only the first column of each row. */
  prepareValue<Value>(sql: string): Statement<SqlParameters, Value> {
    const key = `value:${sql}`;
    let statement = this.cache.get(key);
    if (statement === undefined) {
      statement = this.database.prepare(sql).pluck();
      this.cache.set(key, statement);
    }
    return statement as Statement<SqlParameters, Value>;
  }

  /** Runs `work` in an IMMEDIATE transaction: takes the write lock up front, waits when busy. */
  write<T>(work: () => T): T {
    return this.database.transaction(work).immediate();
  }

  /** Runs `work` in a read transaction: one consistent snapshot for several reads. */
  read<T>(work: () => T): T {
    return this.database.transaction(work).deferred();
  }
}
