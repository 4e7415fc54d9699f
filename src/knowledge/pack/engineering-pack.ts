/**
 * The built-in engineering knowledge pack (`knowledge-pack/`), ingested on first use
 * as the source `engineering-pack` and refreshed when its files change.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { IngestSummary } from '../ingest/ingest-documents.js';
import type { KnowledgeBase } from '../knowledge-base.js';

export const engineeringPackSourceName = 'engineering-pack';

/** Absolute path of the pack shipped with this package (same depth from src/ and dist/). */
export function engineeringPackDirectory(): string {
  return fileURLToPath(new URL('../../../knowledge-pack', import.meta.url));
}

/** Ingests or refreshes the pack when enabled and stale; null when nothing was needed. */
export async function ensureEngineeringPack(
  knowledgeBase: KnowledgeBase,
  directory: string = engineeringPackDirectory(),
): Promise<IngestSummary | null> {
  if (!knowledgeBase.settings.knowledgePack) return null;
  const source = await knowledgeBase.store.findSource(engineeringPackSourceName);
  if (source !== null && source.locations.includes(directory)) {
    const ingestedAt = Date.parse(source.updatedAt);
    if (newestModification(directory) <= ingestedAt) return null;
  }
  return knowledgeBase.ingest({
    targets: [directory],
    source: engineeringPackSourceName,
    kind: 'pack',
    tags: ['engineering'],
    include: ['**/*.md'],
    prune: true,
  });
}

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
