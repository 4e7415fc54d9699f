/**
 * A stored document rebuilt as text from its chunks, for `read_document` and the
 * `archon://documents/{id}` resource. Markdown code examples are stored twice (inside
 * their section and as a chunk of their own), so a chunk whose lines are already
 * covered is skipped. A line range narrows the text to the chunks that overlap it, and
 * long text is cut at a chunk boundary with a note saying where to go on.
 */
import type { ChunkRecord, DocumentRecord } from '../core/knowledge-types.js';

/** Characters of document text per call, about 10k tokens. */
export const maximumDocumentCharacters = 40_000;

export interface DocumentTextOptions {
  readonly startLine?: number;
  readonly endLine?: number;
  readonly maximumCharacters?: number;
}

/** One header line (uri, title, language, lines, id), then the document's text. */
export function formatDocument(
  document: DocumentRecord,
  chunks: readonly ChunkRecord[],
  options: DocumentTextOptions = {},
): string {
  const startLine = options.startLine ?? 1;
  const endLine = options.endLine ?? Number.POSITIVE_INFINITY;
  const budget = options.maximumCharacters ?? maximumDocumentCharacters;
  const lastLine = chunks.reduce((highest, chunk) => Math.max(highest, chunk.endLine), 0);
  const header = `${document.uri}: ${document.title} (${document.language}, ${lastLine} lines, document ${document.id})`;

  const parts: string[] = [];
  let covered = startLine - 1;
  let used = 0;
  let firstLine: number | undefined;
  for (const chunk of [...chunks].sort((left, right) => left.ordinal - right.ordinal)) {
    if (chunk.endLine <= covered || chunk.startLine > endLine) continue;
    if (used > 0 && used + chunk.text.length > budget) {
      parts.push(
        `[truncated: lines ${firstLine}-${covered} shown; call again with start_line ${covered + 1}]`,
      );
      break;
    }
    firstLine ??= chunk.startLine;
    parts.push(chunk.text.trimEnd());
    used += chunk.text.length;
    covered = chunk.endLine;
  }
  if (parts.length === 0)
    return `${header}\n\n(no text in lines ${startLine}-${rangeEnd(endLine)})`;
  return `${header}\n\n${parts.join('\n\n')}`;
}

function rangeEnd(endLine: number): string {
  return Number.isFinite(endLine) ? String(endLine) : 'end';
}
