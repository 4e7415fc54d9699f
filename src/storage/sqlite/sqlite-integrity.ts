/**
 * The integrity check: SQLite's own page-level check plus the invariants ingest
 * relies on. Each broken invariant becomes one line a person can act on.
 */
import type { IntegrityReport } from '../../core/knowledge-store.js';
import { readEmbeddingSpec } from './sqlite-embedding-spec.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface Invariant {
  /** Counts the rows that break it. */
  readonly sql: string;
  readonly describe: (count: number) => string;
}

const invariants: readonly Invariant[] = [
  {
    sql: 'SELECT count(*) FROM documents WHERE source_id NOT IN (SELECT id FROM sources)',
    describe: (count) => `${count} documents belong to no source`,
  },
  {
    sql: 'SELECT count(*) FROM chunks WHERE document_id NOT IN (SELECT id FROM documents)',
    describe: (count) => `${count} chunks belong to no document (orphans)`,
  },
  {
    sql: 'SELECT count(*) FROM embeddings WHERE chunk_id NOT IN (SELECT id FROM chunks)',
    describe: (count) => `${count} vectors belong to no chunk`,
  },
  {
    sql: 'SELECT count(*) FROM chunk_fts WHERE rowid NOT IN (SELECT id FROM chunks)',
    describe: (count) => `${count} full-text rows belong to no chunk`,
  },
  {
    sql: 'SELECT count(*) FROM chunks WHERE id NOT IN (SELECT rowid FROM chunk_fts)',
    describe: (count) => `${count} chunks have no full-text row`,
  },
  {
    sql: 'SELECT count(*) FROM chunks WHERE id NOT IN (SELECT chunk_id FROM embeddings)',
    describe: (count) => `${count} chunks have no vector; run \`archon reindex\``,
  },
  {
    sql: "SELECT abs((SELECT count(*) FROM chunks) - (SELECT value FROM counters WHERE name = 'chunks'))",
    describe: () => 'the chunk counter disagrees with the chunks table',
  },
  {
    sql: "SELECT abs((SELECT count(*) FROM embeddings) - (SELECT value FROM counters WHERE name = 'embeddings'))",
    describe: () => 'the vector counter disagrees with the embeddings table',
  },
];

/** Runs every check; `ok` only when all pass. */
export function checkIntegrity(statements: SqliteStatements): IntegrityReport {
  const problems: string[] = [];
  attempt(problems, 'PRAGMA integrity_check', () => {
    const pageCheck = statements.prepareValue<string>('PRAGMA integrity_check').all();
    if (pageCheck.length !== 1 || pageCheck[0] !== 'ok') {
      problems.push(...pageCheck.map((line) => `sqlite integrity_check: ${line}`));
    }
  });
  try {
    statements.prepare("INSERT INTO chunk_fts (chunk_fts) VALUES ('integrity-check')").run();
  } catch (error) {
    problems.push(
      `full-text index is damaged: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  for (const invariant of invariants) {
    attempt(problems, invariant.sql, () => {
      const count = statements.prepareValue<number>(invariant.sql).get() as number;
      if (count > 0) problems.push(invariant.describe(count));
    });
  }
  attempt(problems, 'vector lengths', () => problems.push(...vectorProblems(statements)));
  return { ok: problems.length === 0, problems };
}

/** Runs one check; a check that cannot even run (a damaged page) is a problem too. */
function attempt(problems: string[], check: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    problems.push(`cannot check (${check}): ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function vectorProblems(statements: SqliteStatements): string[] {
  const spec = readEmbeddingSpec(statements);
  const vectors = statements
    .prepareValue<number>('SELECT count(*) FROM embeddings')
    .get() as number;
  if (spec === null)
    return vectors > 0 ? [`${vectors} vectors are stored but no embedding model is pinned`] : [];
  const wrongLength = statements
    .prepareValue<number>('SELECT count(*) FROM embeddings WHERE length(vector) <> ?')
    .get(spec.dimensions * Float32Array.BYTES_PER_ELEMENT) as number;
  return wrongLength > 0
    ? [
        `${wrongLength} vectors do not have the pinned ${spec.dimensions} dimensions of ${spec.modelId}`,
      ]
    : [];
}
