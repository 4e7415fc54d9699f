import { describe, expect, it } from 'vitest';

import { chunkDocument } from './chunk-document.js';
import { describeChunkProblems } from './chunk-invariants.js';

describe('chunkDocument on plain text', () => {
  it('packs blank-line paragraphs with no headings and no Markdown reading', () => {
    const text = '# not a heading\n\nFirst paragraph\nwraps here.\n\n\n```\nnot a fence\n';
    const chunks = chunkDocument({ text, format: 'text', language: 'text', title: 'notes' });
    expect(describeChunkProblems(text, chunks, 700)).toEqual([]);
    expect(chunks).toEqual([
      {
        ordinal: 0,
        kind: 'text',
        text: '# not a heading\n\nFirst paragraph\nwraps here.\n\n\n```\nnot a fence',
        headingPath: [],
        startLine: 1,
        endLine: 8,
        language: 'text',
        tokenCount: chunks[0]?.tokenCount,
        context: '',
      },
    ]);
  });

  it('starts a new chunk when the target is reached and splits long paragraphs', () => {
    const paragraph = (index: number): string =>
      `Paragraph ${index} talks about retries. It also covers timeouts and the circuit breaker state machine.`;
    const huge = Array.from(
      { length: 60 },
      (_, index) => `Sentence ${index} of the long part.`,
    ).join(' ');
    const text = [...Array.from({ length: 10 }, (_, index) => paragraph(index)), huge].join('\n\n');
    const chunks = chunkDocument(
      { text, format: 'text', language: 'text', title: '' },
      { targetTokens: 64, maxTokens: 100 },
    );
    expect(describeChunkProblems(text, chunks, 100)).toEqual([]);
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.every((chunk) => chunk.headingPath.length === 0 && chunk.kind === 'text')).toBe(
      true,
    );
  });
});
