/**
 * What an ingest knows of a source before it reads a file: the stored fingerprint of
 * each document and the tags the ingest writes. A file whose raw bytes hash as stored,
 * with the same tags, needs nothing more than that hash (see LoadResult 'unchanged').
 */
import type { DocumentFingerprint } from '../../core/knowledge-store.js';

/** The stored fingerprints of one source, filled once the source is known. */
export class StoredFingerprints {
  readonly #byUri = new Map<string, DocumentFingerprint>();
  #tags: readonly string[] = [];

  /** Fingerprints already read, and the tags the ingest writes. */
  static of(
    fingerprints: readonly DocumentFingerprint[],
    tags: readonly string[],
  ): StoredFingerprints {
    const stored = new StoredFingerprints();
    stored.load(fingerprints, tags);
    return stored;
  }

  /** Takes the source's fingerprints and the tags this ingest writes. */
  load(fingerprints: readonly DocumentFingerprint[], tags: readonly string[]): void {
    this.#byUri.clear();
    for (const print of fingerprints) this.#byUri.set(print.uri, print);
    this.#tags = tags;
  }

  /** Whether a document is stored under `uri`. */
  has(uri: string): boolean {
    return this.#byUri.has(uri);
  }

  /** URIs of every stored document. */
  uris(): IterableIterator<string> {
    return this.#byUri.keys();
  }

  /** True when `uri` is stored with this hash and the same tags: rewriting it changes nothing. */
  readonly isUnchanged = (uri: string, contentHash: string): boolean => {
    const print = this.#byUri.get(uri);
    return (
      print !== undefined && print.contentHash === contentHash && sameTags(print.tags, this.#tags)
    );
  };
}

/** True when both lists hold the same tags, in any order. */
function sameTags(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  const sorted = [...right].sort();
  return [...left].sort().every((tag, index) => tag === sorted[index]);
}
