/**
 * Turns a SearchFilter into one SQL condition over the chunk alias `c`, with its
 * parameters. Lexical, exact-vector and HNSW-candidate queries share it, so the
 * three retrievers agree on what a filter means. Empty lists mean "no filter".
 * Lists travel as one JSON parameter each, so the SQL text (and its prepared
 * statement) does not depend on how many values a list holds.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { SearchFilter } from '../../core/knowledge-types.js';
import type { SqlParameters } from './sqlite-statements.js';

/** A WHERE fragment (without the WHERE) and its bound values. */
export interface FilterSql {
  readonly condition: string;
  readonly parameters: SqlParameters;
}

/** The condition for `filter`, or null when it filters nothing. */
export function filterToSql(filter: SearchFilter | undefined): FilterSql | null {
  if (filter === undefined) return null;
  const conditions: string[] = [];
  const parameters: SqlParameters = [];
  const documentConditions: string[] = [];

  const sourceIds = listOf(filter.sourceIds, 'sourceIds');
  if (sourceIds.length > 0) {
    documentConditions.push('d.source_id IN (SELECT value FROM json_each(?))');
    parameters.push(JSON.stringify(sourceIds));
  }
  const tags = listOf(filter.tags, 'tags');
  if (tags.length > 0) {
    documentConditions.push(
      'EXISTS (SELECT 1 FROM json_each(d.tags) AS t WHERE t.value IN (SELECT value FROM json_each(?)))',
    );
    parameters.push(JSON.stringify(tags));
  }
  if (documentConditions.length > 0) {
    conditions.push(
      `c.document_id IN (SELECT d.id FROM documents d WHERE ${documentConditions.join(' AND ')})`,
    );
  }
  const languages = listOf(filter.languages, 'languages');
  if (languages.length > 0) {
    conditions.push('c.language IN (SELECT value FROM json_each(?))');
    parameters.push(JSON.stringify(languages));
  }
  if (filter.kind !== undefined) {
    if (filter.kind !== 'text' && filter.kind !== 'code') {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `filter kind must be text or code, got ${String(filter.kind)}`,
      );
    }
    conditions.push('c.kind = ?');
    parameters.push(filter.kind);
  }
  return conditions.length === 0 ? null : { condition: conditions.join(' AND '), parameters };
}

function listOf(value: readonly string[] | undefined, name: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ArchonError(ErrorCode.InvalidInput, `filter ${name} must be a list of strings`);
  }
  return value;
}
