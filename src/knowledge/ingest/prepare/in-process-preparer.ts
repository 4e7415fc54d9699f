/**
 * The preparer that works on the calling thread: right for small ingests and for
 * embedders that wait on the network rather than the CPU.
 */
import type { DocumentPreparer } from './document-preparer.js';
import { prepareDocument, type PrepareOptions } from './prepare-document.js';

/** Prepares each document on the calling thread. */
export function createInProcessPreparer(options: PrepareOptions): DocumentPreparer {
  return {
    prepare: (document) => prepareDocument(document, options),
    close: async () => {},
  };
}
