/**
 * The content version kept by the triggers of migration 4: `<epoch>.<counter>`. One
 * primary-key read, cheap enough to do before every cached search.
 */
import type { SqliteStatements } from './sqlite-statements.js';

/** The current content version of the store. */
export function readContentVersion(statements: SqliteStatements): string {
  const version = statements
    .prepareValue<string>("SELECT epoch || '.' || value FROM content_version WHERE singleton = 1")
    .get();
  return version ?? 'none';
}
