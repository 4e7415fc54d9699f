/**
 * What every loader (files, web pages, sitemaps, llms.txt) yields: a document ready to
 * chunk, a skipped item with its reason, or (file loaders that were told what is stored)
 * an unchanged document, recognised by the hash of its raw bytes before any decoding or
 * conversion. Loaders never half-load a document.
 */

/** How the chunker should read a document's text. HTML arrives already converted to Markdown. */
export type DocumentFormat = 'markdown' | 'text' | 'code';

export interface LoadedDocument {
  /** Stable identity within its source: root-relative POSIX path (dir roots: `<root basename>/<relative>`) or normalized URL. */
  readonly uri: string;
  /** Absolute path or URL it was read from. */
  readonly location: string;
  readonly title: string;
  /** 'markdown', 'html', 'text', 'json', 'yaml', or a programming language: 'typescript', 'python', ... */
  readonly language: string;
  readonly format: DocumentFormat;
  /** Decoded text to chunk (Markdown for HTML input). */
  readonly text: string;
  /** sha256 hex of the raw bytes as read. */
  readonly contentHash: string;
  /** Size of the raw bytes. */
  readonly bytes: number;
}

export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'undecodable'
  | 'unsupported'
  | 'unreadable'
  | 'symlink-outside-root'
  | 'fetch-failed'
  | 'robots'
  | 'outside-scope'
  | 'page-limit'
  | 'not-allowed';

export interface SkippedDocument {
  readonly location: string;
  readonly reason: SkipReason;
  readonly message: string;
}

/** A document whose raw bytes hash as stored: nothing past the hash was done for it. */
export type UnchangedDocument = Pick<LoadedDocument, 'uri' | 'location' | 'contentHash' | 'bytes'>;

/** Tells a loader which documents need no decoding: same URI, same raw-bytes hash as stored. */
export type UnchangedCheck = (uri: string, contentHash: string) => boolean;

export type LoadResult =
  | { readonly kind: 'document'; readonly document: LoadedDocument }
  | { readonly kind: 'unchanged'; readonly unchanged: UnchangedDocument }
  | { readonly kind: 'skipped'; readonly skipped: SkippedDocument };
