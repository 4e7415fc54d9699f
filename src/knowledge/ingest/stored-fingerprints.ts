/**
 * What an ingest knows of a source before it reads a file: the stored fingerprint of
 * each document and the tags the ingest writes. A file whose raw bytes hash as stored,
 * with the same tags, needs nothing more than that hash (see LoadResult 'unchanged').
 */
import type { DocumentFingerprint } from '../../core/knowledge-store.js';

/** The stored fingerprints of one source, as seen by one ingest. */
export class StoredFingerprints {
  readonly #uris = new Set<string>();
  /** The stored hash of each document whose tags are the ones this ingest writes. */
  readonly #hashWhereTagsMatch = new Map<string, string>();

  /** Takes the source's fingerprints and the tags this ingest writes. */
  constructor(fingerprints: readonly DocumentFingerprint[], tags: readonly string[]) {
    const wanted = tagKey(tags);
    for (const print of fingerprints) {
      this.#uris.add(print.uri);
      if (tagKey(print.tags) === wanted) this.#hashWhereTagsMatch.set(print.uri, print.contentHash);
    }
  }

  /** Whether a document is stored under `uri`. */
  has(uri: string): boolean {
    return this.#uris.has(uri);
  }

  /** URIs of every stored document. */
  uris(): IterableIterator<string> {
    return this.#uris.values();
  }

  /** The stored hash of `uri` when its tags are the ones this ingest writes. */
  unchangedHash(uri: string): string | undefined {
    return this.#hashWhereTagsMatch.get(uri);
  }

  /** True when `uri` is stored with this hash and the same tags: rewriting it changes nothing. */
  isUnchanged(uri: string, contentHash: string): boolean {
    return this.unchangedHash(uri) === contentHash;
  }
}

/** The same key for the same tags in any order. */
function tagKey(tags: readonly string[]): string {
  return JSON.stringify([...tags].sort());
}
