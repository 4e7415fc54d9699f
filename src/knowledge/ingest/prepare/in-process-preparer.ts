/**
 * The preparer that works on the calling thread: right for small ingests and for
 * embedders that wait on the network rather than the CPU.
 */
import type { DocumentPreparer } from './document-preparer.js';
import { loadAndPrepare } from './load-and-prepare.js';
import { prepareDocument, type PrepareOptions } from './prepare-document.js';

/** Loads and prepares each document on the calling thread. */
export function createInProcessPreparer(options: PrepareOptions): DocumentPreparer {
  return {
    prepare: (document) => prepareDocument(document, options),
    loadAndPrepare: (request) => loadAndPrepare(request, options),
    close: async () => {},
  };
}
