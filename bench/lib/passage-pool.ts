/**
 * Real passages for the search benchmark: the benchmark corpus's Markdown, the
 * Python reStructuredText sources and the PostgreSQL manual (HTML converted),
 * chunked by the knowledge base's own chunker. Cached as JSON in bench/.data so
 * every worker process reads the same pool without chunking again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chunkDocument } from '../../src/knowledge/chunk/chunk-document.js';
import { loadPaths } from '../../src/knowledge/ingest/files/index.js';

/** One real passage with what describes it. */
export interface Passage {
  readonly title: string;
  readonly headingPath: readonly string[];
  readonly text: string;
  readonly language: string;
  readonly kind: 'text' | 'code';
}

const cacheVersion = 1;

/** Loads the pool from `cachePath`, building it from `roots` first if needed. */
export async function loadPassagePool(
  roots: readonly string[],
  cachePath: string,
): Promise<Passage[]> {
  if (existsSync(cachePath)) {
    const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as {
      version: number;
      passages: Passage[];
    };
    if (cached.version === cacheVersion) return cached.passages;
  }
  const passages: Passage[] = [];
  for await (const result of loadPaths(roots)) {
    if (result.kind !== 'document') continue;
    const { document } = result;
    const drafts = chunkDocument({
      text: document.text,
      format: document.format,
      language: document.language,
      title: document.title,
    });
    for (const draft of drafts) {
      if (draft.text.trim().length < 80) continue;
      passages.push({
        title: document.title,
        headingPath: draft.headingPath,
        text: draft.text,
        language: draft.language,
        kind: draft.kind,
      });
    }
  }
  if (passages.length === 0) throw new Error(`no passages found under ${roots.join(', ')}`);
  writeFileSync(cachePath, JSON.stringify({ version: cacheVersion, passages }));
  return passages;
}

/** The folders the pool is drawn from, inside the fetched corpora. */
export function passageRoots(markdownCopy: string, mixedRoot: string): string[] {
  return [
    markdownCopy,
    join(mixedRoot, 'python3.11-doc', 'usr', 'share', 'doc', 'python3.11', 'html', '_sources'),
    join(mixedRoot, 'postgresql-doc-15', 'usr', 'share', 'doc', 'postgresql-doc-15', 'html'),
  ];
}
