/**
 * What of a chunk goes into its vector and into its lexical fields. Ingest and
 * reindex must agree, so both call these.
 */
import type { LexicalFields } from '../../core/knowledge-store.js';
import { tokenizeForIndex } from '../text/lexical-tokenizer.js';
import { RepeatedTextTerms } from '../text/repeated-text-terms.js';

// Chunks of a document arrive in order: one title, and heading paths in runs.
const titleTerms = new RepeatedTextTerms();
const headingTerms = new RepeatedTextTerms();

/** The parts of a chunk that describe it, stored or freshly chunked alike. */
export interface ChunkTextParts {
  readonly title: string;
  readonly headingPath: readonly string[];
  readonly context: string;
  readonly text: string;
}

/** Text embedded for a chunk: title and breadcrumbs give a short passage its topic. */
export function embeddingTextOf(parts: ChunkTextParts): string {
  const lines = [parts.title];
  if (parts.headingPath.length > 0) lines.push(parts.headingPath.join(' > '));
  if (parts.context !== '') lines.push(parts.context);
  lines.push(parts.text);
  return lines.join('\n');
}

/**
 * Lexical fields, weighted differently by BM25: title and headings above body. The
 * title's and the heading path's terms are reused while they repeat from chunk to chunk.
 */
export function lexicalFieldsOf(parts: ChunkTextParts): LexicalFields {
  return {
    title: titleTerms.termsOf(parts.title),
    headings: headingTerms.termsOf(parts.headingPath.join(' ')),
    body: tokenizeForIndex(parts.context === '' ? parts.text : `${parts.context}\n${parts.text}`),
  };
}
