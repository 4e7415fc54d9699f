/**
 * Loads one selected file and prepares it when it is a changed document: the work a
 * preparation worker does for a file, and the in-process preparer too.
 */
import { loadFile } from '../files/file-loader.js';
import type { FileToLoad } from '../files/walk-items.js';
import type { LoadResult, UnchangedCheck } from '../loaded-document.js';
import type { FileLoadRequest, LoadedAndPrepared } from './document-preparer.js';
import { prepareDocument, type PrepareOptions } from './prepare-document.js';

/** How a file is read: `loadFile`, or `loadFileSync` on a thread that may block. */
export type FileLoader = (
  file: FileToLoad,
  maxFileBytes: number,
  isUnchanged?: UnchangedCheck,
) => LoadResult | Promise<LoadResult>;

/** Loads `request.file`; a document whose hash is not `unchangedHash` is also prepared. */
export async function loadAndPrepare(
  request: FileLoadRequest,
  options: PrepareOptions,
  load: FileLoader = loadFile,
): Promise<LoadedAndPrepared> {
  const { unchangedHash } = request;
  const isUnchanged: UnchangedCheck | undefined =
    unchangedHash === undefined ? undefined : (_uri, contentHash) => contentHash === unchangedHash;
  const loaded = await load(request.file, request.maxFileBytes, isUnchanged);
  if (loaded.kind !== 'document') return loaded;
  const { text: _text, ...document } = loaded.document;
  return { kind: 'document', document, chunks: await prepareDocument(loaded.document, options) };
}
