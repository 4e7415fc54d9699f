/**
 * Row counters kept by triggers in the same transaction as the rows they count,
 * so "how many chunks" and "how many vectors" cost one lookup instead of a scan.
 * The integrity check compares them with real counts.
 */
import type { SqliteStatements } from './sqlite-statements.js';

/** Names of the maintained counters. */
export type CounterName = 'chunks' | 'embeddings';

/** The current value of a counter. */
export function readCounter(statements: SqliteStatements, name: CounterName): number {
  const row = statements
    .prepare<{ value: number }>('SELECT value FROM counters WHERE name = ?')
    .get(name);
  return row?.value ?? 0;
}
