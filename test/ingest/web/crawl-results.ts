/** Helpers that split crawl results for assertions. */
import type {
  LoadedDocument,
  LoadResult,
  SkippedDocument,
} from '../../../src/knowledge/ingest/loaded-document.js';

export function documentsOf(results: readonly LoadResult[]): LoadedDocument[] {
  return results.flatMap((result) => (result.kind === 'document' ? [result.document] : []));
}

export function skippedOf(results: readonly LoadResult[]): SkippedDocument[] {
  return results.flatMap((result) => (result.kind === 'skipped' ? [result.skipped] : []));
}

export function urisOf(results: readonly LoadResult[]): string[] {
  return documentsOf(results)
    .map((document) => document.uri)
    .sort();
}
