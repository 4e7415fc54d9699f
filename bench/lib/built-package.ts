/**
 * The knowledge base as users run it: the compiled package in dist/, not the
 * TypeScript sources through tsx. End-to-end measurements load it from here, so
 * the preparation worker threads start from plain JavaScript, as `archon` does.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type * as OpenKnowledgeBaseModule from '../../src/knowledge/open-knowledge-base.js';

const builtModule = new URL('../../dist/knowledge/open-knowledge-base.js', import.meta.url);

/** `openKnowledgeBase` from dist/; throws with a clear message when it was not built. */
export async function builtOpenKnowledgeBase(): Promise<
  (typeof OpenKnowledgeBaseModule)['openKnowledgeBase']
> {
  if (!existsSync(fileURLToPath(builtModule))) {
    throw new Error('dist/ is missing: run `npm run build` before the benchmarks');
  }
  const loaded = (await import(builtModule.href)) as typeof OpenKnowledgeBaseModule;
  return loaded.openKnowledgeBase;
}
