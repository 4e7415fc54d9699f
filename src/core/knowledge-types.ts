/**
 * Shared records of the knowledge base: sources, documents, chunks, search hits and
 * citations. Plain data, no behaviour, so every layer can import them.
 */

/** How a source's documents were obtained. */
export type SourceKind = 'files' | 'url' | 'pack';

/** A named collection of documents ingested together (a folder, a site, the pack). */
export interface Source {
  readonly id: string;
  readonly name: string;
  readonly kind: SourceKind;
  /** Paths or URLs the source was ingested from, as given (absolute paths, normalized URLs). */
  readonly locations: readonly string[];
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A source with its sizes, as listed by `archon sources`. */
export interface SourceSummary extends Source {
  readonly documentCount: number;
  readonly chunkCount: number;
  readonly bytes: number;
}

/** Whether a chunk is prose or a code example. */
export type ChunkKind = 'text' | 'code';

/** A document as stored: one file or one web page. */
export interface DocumentRecord {
  readonly id: string;
  readonly sourceId: string;
  /** Stable identity within its source: a root-relative POSIX path, or a normalized URL. */
  readonly uri: string;
  readonly title: string;
  /** sha256 of the raw content, hex. */
  readonly contentHash: string;
  /** Markup or programming language of the document: 'markdown', 'html', 'typescript', ... */
  readonly language: string;
  readonly bytes: number;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A chunk as produced by a chunker, before it is stored. */
export interface ChunkDraft {
  /** Position of the chunk within its document, from 0. */
  readonly ordinal: number;
  readonly kind: ChunkKind;
  readonly text: string;
  /** Headings (or declarations) above the chunk, outermost first. */
  readonly headingPath: readonly string[];
  /** 1-based inclusive line range in the original document. */
  readonly startLine: number;
  readonly endLine: number;
  readonly language: string;
  readonly tokenCount: number;
  /** For code examples: the prose that explains the code. Empty for text chunks. */
  readonly context: string;
}

/** A stored chunk with its identity. */
export interface ChunkRecord extends ChunkDraft {
  readonly id: number;
  readonly documentId: string;
}

/** Where a search result comes from, in a form a person or an agent can cite. */
export interface Citation {
  readonly sourceId: string;
  readonly sourceName: string;
  readonly documentId: string;
  readonly uri: string;
  readonly title: string;
  readonly headingPath: readonly string[];
  readonly startLine: number;
  readonly endLine: number;
}

/** Filters shared by lexical, vector and hybrid search. Empty arrays mean "no filter". */
export interface SearchFilter {
  readonly sourceIds?: readonly string[];
  readonly tags?: readonly string[];
  readonly languages?: readonly string[];
  readonly kind?: ChunkKind;
}

/** One ranked candidate from a single retriever. `score`: higher is better. */
export interface RankedChunk {
  readonly chunkId: number;
  readonly score: number;
}

/** A chunk joined with its document and source, ready to be shown or cited. */
export interface ChunkWithCitation {
  readonly chunk: ChunkRecord;
  readonly citation: Citation;
}
