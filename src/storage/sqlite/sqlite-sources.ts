/**
 * Sources: named collections of documents. Removing one removes its documents,
 * chunks, full-text rows and vectors in one transaction, through the cascades and
 * triggers of the schema.
 */
import { randomUUID } from 'node:crypto';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { SourceInput } from '../../core/knowledge-store.js';
import type { Source, SourceSummary } from '../../core/knowledge-types.js';
import { type SourceRow, toSource } from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

const sourceKinds = new Set(['files', 'url', 'pack']);

/** Creates the source named `input.name`, or updates it in place (same id). */
export function upsertSource(statements: SqliteStatements, input: SourceInput): Source {
  validateSourceInput(input);
  const now = new Date().toISOString();
  const row = statements
    .prepare<SourceRow>(
      `INSERT INTO sources (id, name, kind, locations, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET
         kind = excluded.kind, locations = excluded.locations, tags = excluded.tags,
         updated_at = excluded.updated_at
       RETURNING *`,
    )
    .get(
      randomUUID(),
      input.name,
      input.kind,
      JSON.stringify(input.locations),
      JSON.stringify(input.tags),
      now,
      now,
    );
  return toSource(row as SourceRow);
}

/** The source with this id, else the one with this name, else null. */
export function findSource(statements: SqliteStatements, idOrName: string): Source | null {
  const row = statements
    .prepare<SourceRow>(
      'SELECT * FROM sources WHERE id = ? OR name = ? ORDER BY id = ? DESC LIMIT 1',
    )
    .get(idOrName, idOrName, idOrName);
  return row === undefined ? null : toSource(row);
}

/** Every source with its document, chunk and byte counts, by name. */
export function listSources(statements: SqliteStatements): SourceSummary[] {
  const rows = statements
    .prepare<SourceRow & { document_count: number; chunk_count: number; total_bytes: number }>(
      `SELECT s.*,
         (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS document_count,
         (SELECT coalesce(sum(d.bytes), 0) FROM documents d WHERE d.source_id = s.id) AS total_bytes,
         (SELECT count(*) FROM documents d JOIN chunks c ON c.document_id = d.id
           WHERE d.source_id = s.id) AS chunk_count
       FROM sources s ORDER BY s.name`,
    )
    .all();
  return rows.map((row) => ({
    ...toSource(row),
    documentCount: row.document_count,
    chunkCount: row.chunk_count,
    bytes: row.total_bytes,
  }));
}

/** Removes a source and everything in it; SOURCE_NOT_FOUND for an unknown id. */
export function removeSource(
  statements: SqliteStatements,
  id: string,
): { documents: number; chunks: number } {
  return statements.write(() => {
    const counts = statements
      .prepare<{ documents: number; chunks: number }>(
        `SELECT
           (SELECT count(*) FROM documents WHERE source_id = ?) AS documents,
           (SELECT count(*) FROM documents d JOIN chunks c ON c.document_id = d.id
             WHERE d.source_id = ?) AS chunks`,
      )
      .get(id, id) as { documents: number; chunks: number };
    const deleted = statements.prepare('DELETE FROM sources WHERE id = ?').run(id);
    if (deleted.changes === 0) {
      throw new ArchonError(ErrorCode.SourceNotFound, `no source with id ${id}`, {
        details: { id },
      });
    }
    return counts;
  });
}

function validateSourceInput(input: SourceInput): void {
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw new ArchonError(ErrorCode.InvalidInput, 'source name must not be empty');
  }
  if (!sourceKinds.has(input.kind)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `source kind must be files, url or pack, got ${String(input.kind)}`,
    );
  }
  if (!isStringList(input.locations) || !isStringList(input.tags)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'source locations and tags must be lists of strings',
    );
  }
}

/** True for an array whose items are all strings. */
export function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
