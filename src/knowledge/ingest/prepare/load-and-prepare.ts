/**
 * Loads one selected file and prepares it when it is a changed document: the work the
 * in-process preparer does for a file. A worker thread does the second half only, for
 * bytes read on the ingest thread (`prepareLoaded`).
 */
import { loadFile } from '../files/file-loader.js';
import type { LoadResult, UnchangedCheck } from '../loaded-document.js';
import type { FileLoadRequest, LoadedAndPrepared } from './document-preparer.js';
import { prepareDocument, type PrepareOptions } from './prepare-document.js';

/** Loads `request.file`; a document whose hash is not `unchangedHash` is also prepared. */
export async function loadAndPrepare(
  request: FileLoadRequest,
  options: PrepareOptions,
): Promise<LoadedAndPrepared> {
  const loaded = await loadFile(request.file, request.maxFileBytes, unchangedCheckOf(request));
  return prepareLoaded(loaded, options);
}

/** Prepares a loaded document; anything else (unchanged, skipped) passes through. */
export async function prepareLoaded(
  loaded: LoadResult,
  options: PrepareOptions,
): Promise<LoadedAndPrepared> {
  if (loaded.kind !== 'document') return loaded;
  const { text: _text, ...document } = loaded.document;
  return { kind: 'document', document, chunks: await prepareDocument(loaded.document, options) };
}

/** The unchanged check of `request`: true for its stored hash, if it has one. */
export function unchangedCheckOf(request: FileLoadRequest): UnchangedCheck | undefined {
  const { unchangedHash } = request;
  return unchangedHash === undefined
    ? undefined
    : (_uri, contentHash) => contentHash === unchangedHash;
}
