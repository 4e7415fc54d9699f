import { describe, expect, it } from 'vitest';

import { OutputCollector } from './output-collector.js';

describe('OutputCollector', () => {
  it('keeps everything under the cap', () => {
    const collector = new OutputCollector(100);
    collector.push(Buffer.from('hello '));
    collector.push(Buffer.from('world'));
    expect([collector.text(), collector.truncated]).toEqual(['hello world', false]);
  });

  it('keeps the head and the tail across many chunks', () => {
    const collector = new OutputCollector(10);
    for (const piece of ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqr'])
      collector.push(Buffer.from(piece));
    expect(collector.truncated).toBe(true);
    expect(collector.text()).toBe('abcde\n[… 8 bytes of output omitted …]\nnopqr');
  });

  it('handles one huge chunk', () => {
    const collector = new OutputCollector(4);
    collector.push(Buffer.from('0123456789'));
    expect(collector.text()).toBe('01\n[… 6 bytes of output omitted …]\n89');
  });
});
