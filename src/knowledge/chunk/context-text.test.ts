import { describe, expect, it } from 'vitest';

import { truncateRange } from './context-text.js';
import { estimateTokens } from './token-estimate.js';

const text = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');
const cut = (value: string, budget: number, keep: 'head' | 'tail'): string => {
  const [from, to] = truncateRange(value, 0, value.length, budget, keep);
  return value.slice(from, to);
};

describe('truncateRange', () => {
  it('keeps a range within the budget untouched', () => {
    expect(truncateRange('xx short text', 3, 13, 10, 'head')).toEqual([3, 13]);
  });

  it('keeps the head or the tail, cut at whitespace, within the budget', () => {
    const head = cut(text, 40, 'head');
    const tail = cut(text, 40, 'tail');
    expect(estimateTokens(head)).toBeLessThanOrEqual(40);
    expect(estimateTokens(tail)).toBeLessThanOrEqual(40);
    expect(head.startsWith('word0 word1')).toBe(true);
    expect(/^word\d+$/.test(head.split(' ').at(-1) ?? '')).toBe(true);
    expect(tail.endsWith('word78 word79')).toBe(true);
    expect(/^word\d+$/.test(tail.split(' ')[0] ?? '')).toBe(true);
  });

  it('cuts a range without whitespace anywhere', () => {
    const blob = 'x'.repeat(2000);
    expect(estimateTokens(cut(blob, 20, 'head'))).toBeLessThanOrEqual(20);
    expect(estimateTokens(cut(blob, 20, 'tail'))).toBeLessThanOrEqual(20);
  });
});
