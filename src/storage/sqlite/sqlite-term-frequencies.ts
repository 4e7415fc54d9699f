/**
 * Document frequencies of query terms in the FTS5 index, remembered per connection
 * until the store's content version changes (any write moves it), so a term's rows
 * are counted once, not on every search that uses it. Counting a frequent term
 * stops at a cap unless its exact count is asked for.
 */
import { quoteTerm } from './fts-match-expression.js';
import { readContentVersion } from './sqlite-content-version.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** Most terms remembered per connection; the memory is cleared when it fills up. */
export const rememberedTermsLimit = 20_000;

interface Counted {
  /** Rows holding the term, or the cap it reached when not exact. */
  readonly rows: number;
  readonly exact: boolean;
}

interface Remembered {
  version: string;
  readonly counts: Map<string, Counted>;
}

const memories = new WeakMap<SqliteStatements, Remembered>();

/** Per-connection, content-versioned document frequencies of terms. */
export class TermFrequencies {
  private constructor(
    private readonly statements: SqliteStatements,
    private readonly memory: Remembered,
  ) {}

  /** The frequencies of the connection's store as of now (one primary-key read). */
  static current(statements: SqliteStatements): TermFrequencies {
    const version = readContentVersion(statements);
    let memory = memories.get(statements);
    if (memory === undefined) {
      memory = { version, counts: new Map() };
      memories.set(statements, memory);
    } else if (memory.version !== version) {
      memory.version = version;
      memory.counts.clear();
    }
    return new TermFrequencies(statements, memory);
  }

  /** Rows holding `term`, counting at most `cap + 1` (more than `cap` means frequent). */
  atMost(term: string, cap: number): number {
    const known = this.memory.counts.get(term);
    if (known !== undefined && (known.exact || known.rows > cap)) {
      return Math.min(known.rows, cap + 1);
    }
    const rows = this.statements
      .prepareValue<number>(
        'SELECT count(*) FROM (SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH ? LIMIT ?)',
      )
      .get(quoteTerm(term), cap + 1) as number;
    this.remember(term, { rows, exact: rows <= cap });
    return rows;
  }

  /** Exactly how many rows hold `term`. */
  exact(term: string): number {
    const known = this.memory.counts.get(term);
    if (known?.exact === true) return known.rows;
    const rows = this.statements
      .prepareValue<number>('SELECT count(*) FROM chunk_fts WHERE chunk_fts MATCH ?')
      .get(quoteTerm(term)) as number;
    this.remember(term, { rows, exact: true });
    return rows;
  }

  private remember(term: string, counted: Counted): void {
    const { counts } = this.memory;
    if (counts.size >= rememberedTermsLimit && !counts.has(term)) counts.clear();
    counts.set(term, counted);
  }
}
