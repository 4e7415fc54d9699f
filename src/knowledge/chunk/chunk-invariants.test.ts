import { describe, expect, it } from 'vitest';

import type { ChunkDraft } from '../../core/knowledge-types.js';
import { describeChunkProblems } from './chunk-invariants.js';
import { estimateTokens } from './token-estimate.js';

const original = 'alpha beta\n\n```\ncode line\n```\ngamma';

function chunk(overrides: Partial<ChunkDraft>): ChunkDraft {
  const text = overrides.text ?? 'alpha beta';
  return {
    ordinal: 0,
    kind: 'text',
    text,
    headingPath: [],
    startLine: 1,
    endLine: 1,
    language: 'markdown',
    tokenCount: estimateTokens(text),
    context: '',
    ...overrides,
  };
}

describe('describeChunkProblems', () => {
  it('accepts chunks that keep every promise, synthetic fence lines included', () => {
    const piece = chunk({ ordinal: 1, text: '```\ncode line\n```', startLine: 4, endLine: 5 });
    expect(describeChunkProblems(original, [chunk({}), piece], 700)).toEqual([]);
  });

  it('reports each broken promise', () => {
    const problems = describeChunkProblems(
      original,
      [
        chunk({ ordinal: 3, startLine: 3, endLine: 3, text: 'not there' }),
        chunk({ ordinal: 1, startLine: 1, endLine: 9, tokenCount: 999 }),
        chunk({ ordinal: 2, startLine: 6, endLine: 6, text: '', tokenCount: 0 }),
      ],
      100,
    );
    expect(problems).toEqual([
      'chunk 0 (text, lines 3-3): ordinal 3',
      'chunk 0 (text, lines 3-3): text not found in its line range',
      'chunk 1 (text, lines 1-9): starts before the previous chunk',
      'chunk 1 (text, lines 1-9): line range outside the document',
      'chunk 1 (text, lines 1-9): tokenCount 999, text has 2',
      'chunk 1 (text, lines 1-9): 999 tokens over 100',
      'chunk 1 (text, lines 1-9): text not found in its line range',
      'chunk 2 (text, lines 6-6): empty text',
    ]);
  });
});
