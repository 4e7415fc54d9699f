import { describe, expect, it } from 'vitest';

import type { SourceSummary } from '../core/knowledge-types.js';
import type { IngestSummary } from '../knowledge/ingest/ingest-documents.js';
import { formatIngestSummary, formatSources } from './source-text.js';

const source: SourceSummary = {
  id: 's1',
  name: 'docs',
  kind: 'files',
  locations: ['/srv/docs'],
  tags: ['team'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  documentCount: 3,
  chunkCount: 12,
  bytes: 2048,
};

describe('formatSources', () => {
  it('points to add_source when there is none', () => {
    expect(formatSources([])).toBe('No sources yet. Add one with add_source.');
  });

  it('writes one line per source with sizes in readable units', () => {
    expect(
      formatSources([
        source,
        { ...source, name: 'pack', tags: [], locations: [], bytes: 900 },
        { ...source, name: 'big', bytes: 3 * 1024 * 1024 },
      ]),
    ).toBe(
      'docs (files, id s1): 3 documents, 12 chunks, 2.0 KB; tags team; from /srv/docs\n' +
        'pack (files, id s1): 3 documents, 12 chunks, 900 B\n' +
        'big (files, id s1): 3 documents, 12 chunks, 3.0 MB; tags team; from /srv/docs',
    );
  });
});

describe('formatIngestSummary', () => {
  const summary: IngestSummary = {
    source: 'docs',
    added: 2,
    updated: 1,
    unchanged: 4,
    removed: 0,
    skipped: [],
    chunks: 30,
    bytes: 5000,
    seconds: 0.25,
  };

  it('counts first', () => {
    expect(formatIngestSummary(summary)).toBe(
      'Source docs: 2 added, 1 updated, 4 unchanged, 0 removed, 0 skipped; 30 chunks, 4.9 KB in 0.25 s.',
    );
  });

  it('lists twenty skipped items and counts the rest', () => {
    const skipped = Array.from({ length: 23 }, (_, index) => ({
      location: `/srv/docs/${index}.bin`,
      reason: 'binary' as const,
      message: 'not text',
    }));
    const lines = formatIngestSummary({ ...summary, skipped }).split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[1]).toBe('skipped /srv/docs/0.bin: binary (not text)');
    expect(lines.at(-1)).toBe('... and 3 more skipped');
  });
});
