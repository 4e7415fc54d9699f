import { describe, expect, it } from 'vitest';

import { LineIndex } from './line-index.js';

describe('LineIndex', () => {
  const lines = new LineIndex('alpha\n  \n\tbeta  \n');

  it('finds line starts, ends and the line of any offset', () => {
    expect(lines.count).toBe(4);
    expect([lines.start(2), lines.end(2)]).toEqual([9, 16]);
    expect(lines.end(3)).toBe(17);
    expect([0, 5, 6, 9, 16, 17].map((offset) => lines.lineOf(offset))).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it('tells blank lines and trims lines by offsets', () => {
    expect([0, 1, 2, 3].map((line) => lines.isBlank(line))).toEqual([false, true, false, true]);
    expect([lines.firstNonBlank(2), lines.lastNonBlank(2)]).toEqual([10, 14]);
    expect(lines.lastNonBlank(1)).toBe(lines.start(1));
  });
});
