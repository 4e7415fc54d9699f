/**
 * Row shapes as SQLite returns them, and their mapping to the shared records.
 * Columns are snake_case in SQL and camelCase everywhere else; this file is the
 * only place that knows both.
 */
import type {
  ChunkKind,
  ChunkRecord,
  DocumentRecord,
  Source,
  SourceKind,
} from '../../core/knowledge-types.js';
import { fromJsonStringList } from './sqlite-json.js';

export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  locations: string;
  tags: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentRow {
  id: string;
  source_id: string;
  uri: string;
  title: string;
  content_hash: string;
  language: string;
  bytes: number;
  tags: string;
  created_at: string;
  updated_at: string;
}

export interface ChunkRow {
  id: number;
  document_id: string;
  ordinal: number;
  kind: string;
  text: string;
  heading_path: string;
  start_line: number;
  end_line: number;
  language: string;
  token_count: number;
  context: string;
}

/** The columns of a chunk row, for SELECTs over the `c` alias. */
export const chunkColumns =
  'c.id, c.document_id, c.ordinal, c.kind, c.text, c.heading_path, c.start_line, c.end_line, c.language, c.token_count, c.context';

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SourceKind,
    locations: fromJsonStringList(row.locations, 'sources.locations'),
    tags: fromJsonStringList(row.tags, 'sources.tags'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    uri: row.uri,
    title: row.title,
    contentHash: row.content_hash,
    language: row.language,
    bytes: row.bytes,
    tags: fromJsonStringList(row.tags, 'documents.tags'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toChunk(row: ChunkRow): ChunkRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    ordinal: row.ordinal,
    kind: row.kind as ChunkKind,
    text: row.text,
    headingPath: fromJsonStringList(row.heading_path, 'chunks.heading_path'),
    startLine: row.start_line,
    endLine: row.end_line,
    language: row.language,
    tokenCount: row.token_count,
    context: row.context,
  };
}
