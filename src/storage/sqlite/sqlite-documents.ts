/**
 * Documents and their chunks. A write replaces the whole document in one
 * transaction: the document row is updated in place (same id), the old chunks go
 * (their full-text rows and vectors with them, through the schema's cascade and
 * triggers) and the new chunks, full-text rows and vectors come in. A crash at
 * any point leaves either the old version or the new one, never a mix.
 */
import { createHash } from 'node:crypto';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type {
  ChunkWrite,
  ChunkWrites,
  DocumentFingerprint,
  DocumentWrite,
} from '../../core/knowledge-store.js';
import type { ChunkRecord, DocumentRecord } from '../../core/knowledge-types.js';
import { PackedChunks } from '../../core/packed-chunks.js';
import { validateVector, vectorToBlob } from './embedding-validation.js';
import { requireEmbeddingSpec } from './sqlite-embedding-spec.js';
import { recordInsertedChunks } from './sqlite-insert-bookkeeping.js';
import { fromJsonStringList } from './sqlite-json.js';
import {
  chunkColumns,
  type ChunkRow,
  type DocumentRow,
  toChunk,
  toDocument,
} from './sqlite-rows.js';
import { isStringList } from './sqlite-sources.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** The id of a document: stable for a (source, uri) pair across rewrites. */
export function documentIdOf(sourceId: string, uri: string): string {
  return createHash('sha256')
    .update(sourceId)
    .update('\u0000')
    .update(uri)
    .digest('hex')
    .slice(0, 32);
}

/** Writes `write` atomically; validation failures leave the store untouched. */
export function writeDocument(statements: SqliteStatements, write: DocumentWrite): DocumentRecord {
  return writeDocuments(statements, [write])[0] as DocumentRecord;
}

/**
 * Writes every document of `writes` in one transaction: all of them or, when any is
 * invalid or a write fails, none. Validation runs before anything is written.
 *
 * Document rows (and the removal of their old chunks) come first, then every chunk,
 * then the bookkeeping once: FTS5 flushes its pending terms to a new segment whenever
 * a statement opens a statement journal (an upsert with triggers, a multi-row delete),
 * so interleaving those with chunk inserts would cost a segment, and later its merge,
 * per document instead of per transaction.
 */
export function writeDocuments(
  statements: SqliteStatements,
  writes: readonly DocumentWrite[],
): DocumentRecord[] {
  writes.forEach(validateDocumentWrite);
  refuseRepeatedDocuments(writes);
  return statements.write(() => {
    const spec = requireEmbeddingSpec(statements);
    for (const write of writes) {
      vectorsOf(write.chunks).forEach((vector, index) =>
        validateVector(vector, spec, `vector of chunk ${index} of ${write.uri}`),
      );
    }
    const documents = writes.map((write) => replaceDocumentRow(statements, write));
    let inserted = 0;
    writes.forEach((write, index) => {
      const documentId = (documents[index] as DocumentRecord).id;
      insertChunks(statements, documentId, write.chunks);
      inserted += write.chunks.length;
    });
    recordInsertedChunks(
      statements,
      documents.map((document) => document.id),
      inserted,
    );
    return documents;
  });
}

/** Inserts or updates the document row of `write` and removes its old chunks. */
function replaceDocumentRow(statements: SqliteStatements, write: DocumentWrite): DocumentRecord {
  const id = documentIdOf(write.sourceId, write.uri);
  const source = statements.prepare('SELECT 1 FROM sources WHERE id = ?').get(write.sourceId);
  if (source === undefined) {
    throw new ArchonError(ErrorCode.SourceNotFound, `no source with id ${write.sourceId}`, {
      details: { sourceId: write.sourceId },
    });
  }
  const now = new Date().toISOString();
  const document = statements
    .prepare<DocumentRow>(
      `INSERT INTO documents
         (id, source_id, uri, title, content_hash, language, bytes, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         title = excluded.title, content_hash = excluded.content_hash,
         language = excluded.language, bytes = excluded.bytes, tags = excluded.tags,
         updated_at = excluded.updated_at
       RETURNING *`,
    )
    .get(
      id,
      write.sourceId,
      write.uri,
      write.title,
      write.contentHash,
      write.language,
      write.bytes,
      JSON.stringify(write.tags),
      now,
      now,
    ) as DocumentRow;
  statements.prepare('DELETE FROM chunks WHERE document_id = ?').run(id);
  return toDocument(document);
}

/** The vectors of `chunks`, plain or packed (views into the packed buffer). */
function vectorsOf(chunks: ChunkWrites): Float32Array[] {
  if (!PackedChunks.isPacked(chunks)) return chunks.map((chunk) => chunk.vector);
  return Array.from({ length: chunks.length }, (_, index) => chunks.vector(index));
}

/**
 * Inserts every chunk of a document with its full-text row and vector. Strings of
 * packed chunks are bound as their UTF-8 bytes; `CAST(? AS TEXT)` stores those as the
 * same text a string would give, and leaves a bound string as it is.
 */
function insertChunks(statements: SqliteStatements, documentId: string, chunks: ChunkWrites): void {
  const insertRow = statements.prepare(
    `INSERT INTO chunks (document_id, ordinal, kind, text, heading_path, start_line, end_line,
       language, token_count, context)
     VALUES (?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), ?, CAST(? AS TEXT))`,
  );
  const insertTerms = statements.prepare(
    `INSERT INTO chunk_fts (rowid, title, headings, body)
     VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))`,
  );
  const insertVector = statements.prepare(
    'INSERT INTO embeddings (chunk_id, vector) VALUES (?, ?)',
  );
  const insert = (row: ChunkRowValues): void => {
    const chunkId = insertRow.run(
      documentId,
      row.ordinal,
      row.kind,
      row.text,
      row.headingPath,
      row.startLine,
      row.endLine,
      row.language,
      row.tokenCount,
      row.context,
    ).lastInsertRowid;
    insertTerms.run(chunkId, row.title, row.headings, row.body);
    insertVector.run(chunkId, vectorToBlob(row.vector));
  };
  if (PackedChunks.isPacked(chunks)) {
    for (let index = 0; index < chunks.length; index += 1) insert(packedRow(chunks, index));
  } else {
    for (const chunk of chunks) insert(plainRow(chunk));
  }
}

/** Values of one chunk's rows: strings, or their UTF-8 bytes for packed chunks. */
interface ChunkRowValues {
  readonly ordinal: number;
  readonly kind: string;
  readonly text: string | Buffer;
  readonly headingPath: string | Buffer;
  readonly startLine: number;
  readonly endLine: number;
  readonly language: string | Buffer;
  readonly tokenCount: number;
  readonly context: string | Buffer;
  readonly title: string | Buffer;
  readonly headings: string | Buffer;
  readonly body: string | Buffer;
  readonly vector: Float32Array;
}

function plainRow({ draft, lexical, vector }: ChunkWrite): ChunkRowValues {
  return {
    ...draft,
    headingPath: JSON.stringify(draft.headingPath),
    title: lexical.title,
    headings: lexical.headings,
    body: lexical.body,
    vector,
  };
}

function packedRow(chunks: PackedChunks, index: number): ChunkRowValues {
  return {
    ordinal: chunks.ordinal(index),
    kind: chunks.kind(index),
    text: chunks.bytes(index, 'text'),
    headingPath: chunks.bytes(index, 'headingPath'),
    startLine: chunks.startLine(index),
    endLine: chunks.endLine(index),
    language: chunks.bytes(index, 'language'),
    tokenCount: chunks.tokenCount(index),
    context: chunks.bytes(index, 'context'),
    title: chunks.bytes(index, 'title'),
    headings: chunks.bytes(index, 'headings'),
    body: chunks.bytes(index, 'body'),
    vector: chunks.vector(index),
  };
}

/** Removes the named documents of a source; returns how many existed. */
export function removeDocuments(
  statements: SqliteStatements,
  sourceId: string,
  uris: readonly string[],
): number {
  return statements.write(() => {
    const remove = statements.prepare('DELETE FROM documents WHERE source_id = ? AND uri = ?');
    let removed = 0;
    for (const uri of uris) removed += remove.run(sourceId, uri).changes;
    return removed;
  });
}

/** A document with its chunks in ordinal order, or null. */
export function getDocument(
  statements: SqliteStatements,
  id: string,
): { document: DocumentRecord; chunks: ChunkRecord[] } | null {
  return statements.read(() => {
    const row = statements.prepare<DocumentRow>('SELECT * FROM documents WHERE id = ?').get(id);
    if (row === undefined) return null;
    const chunks = statements
      .prepare<ChunkRow>(
        `SELECT ${chunkColumns} FROM chunks c WHERE c.document_id = ? ORDER BY c.ordinal, c.id`,
      )
      .all(id);
    return { document: toDocument(row), chunks: chunks.map(toChunk) };
  });
}

/** What ingest needs to skip unchanged documents of a source. */
export function listFingerprints(
  statements: SqliteStatements,
  sourceId: string,
): DocumentFingerprint[] {
  return statements
    .prepare<{ id: string; uri: string; content_hash: string; tags: string }>(
      'SELECT id, uri, content_hash, tags FROM documents WHERE source_id = ? ORDER BY uri',
    )
    .all(sourceId)
    .map((row) => ({
      id: row.id,
      uri: row.uri,
      contentHash: row.content_hash,
      tags: fromJsonStringList(row.tags, 'documents.tags'),
    }));
}

/** Two writes of one document in one call would leave both sets of chunks: refused. */
function refuseRepeatedDocuments(writes: readonly DocumentWrite[]): void {
  const ids = new Set<string>();
  for (const write of writes) {
    const id = documentIdOf(write.sourceId, write.uri);
    if (ids.has(id)) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `cannot write document ${write.uri} twice in one call`,
      );
    }
    ids.add(id);
  }
}

function validateDocumentWrite(write: DocumentWrite): void {
  const problem = documentWriteProblem(write);
  if (problem !== null) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      `cannot write document ${String(write.uri)}: ${problem}`,
    );
  }
}

function documentWriteProblem(write: DocumentWrite): string | null {
  if (typeof write.uri !== 'string' || write.uri === '') return 'uri must not be empty';
  if (!Number.isInteger(write.bytes) || write.bytes < 0)
    return 'bytes must be a non-negative integer';
  if (!isStringList(write.tags)) return 'tags must be a list of strings';
  // Packing checked the kinds and heading paths of packed chunks.
  if (PackedChunks.isPacked(write.chunks)) return null;
  if (!Array.isArray(write.chunks)) return 'chunks must be a list';
  for (const [index, chunk] of write.chunks.entries()) {
    const { draft } = chunk;
    if (draft.kind !== 'text' && draft.kind !== 'code') {
      return `chunk ${index} has kind ${String(draft.kind)}; expected text or code`;
    }
    if (!isStringList(draft.headingPath))
      return `chunk ${index} has a heading path that is not a list of strings`;
    if (typeof chunk.lexical?.body !== 'string') return `chunk ${index} has no lexical fields`;
  }
  return null;
}
