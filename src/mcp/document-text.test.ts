import { describe, expect, it } from 'vitest';

import type { ChunkRecord, DocumentRecord } from '../core/knowledge-types.js';
import { formatDocument } from './document-text.js';

const document: DocumentRecord = {
  id: 'd1',
  sourceId: 's1',
  uri: 'docs/guide.md',
  title: 'Guide',
  contentHash: 'abc',
  language: 'markdown',
  bytes: 100,
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function chunk(ordinal: number, startLine: number, endLine: number, text: string): ChunkRecord {
  return {
    id: ordinal + 1,
    documentId: 'd1',
    ordinal,
    kind: 'text',
    text,
    headingPath: [],
    startLine,
    endLine,
    language: 'markdown',
    tokenCount: 1,
    context: '',
  };
}

const chunks = [
  chunk(0, 1, 4, '# Guide\n\nIntro.'),
  chunk(1, 3, 4, 'code example already inside chunk 0'),
  chunk(2, 5, 8, '## Part two\n\nMore.'),
  chunk(3, 9, 12, '## Part three\n\nEnd.'),
];

describe('formatDocument', () => {
  it('rebuilds the text in order, skipping chunks whose lines are already shown', () => {
    expect(formatDocument(document, [...chunks].reverse())).toBe(
      'docs/guide.md: Guide (markdown, 12 lines, document d1)\n\n' +
        '# Guide\n\nIntro.\n\n## Part two\n\nMore.\n\n## Part three\n\nEnd.',
    );
  });

  it('narrows to the chunks overlapping a line range', () => {
    const text = formatDocument(document, chunks, { startLine: 6, endLine: 9 });
    expect(text).toContain('## Part two');
    expect(text).toContain('## Part three');
    expect(text).not.toContain('Intro.');
    expect(formatDocument(document, chunks, { startLine: 50 })).toMatch(
      /\(no text in lines 50-end\)$/,
    );
    expect(formatDocument(document, chunks, { startLine: 50, endLine: 60 })).toMatch(
      /\(no text in lines 50-60\)$/,
    );
  });

  it('cuts long text at a chunk boundary and says where to go on', () => {
    const text = formatDocument(document, chunks, { maximumCharacters: 20 });
    expect(text).toContain('# Guide\n\nIntro.');
    expect(text).not.toContain('Part two');
    expect(text).toMatch(/\[truncated: lines 1-4 shown; call again with start_line 5\]$/);
  });
});
