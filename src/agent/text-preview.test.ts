import { describe, expect, it } from 'vitest';

import { oneLine } from './text-preview.js';

describe('oneLine', () => {
  it('collapses whitespace and cuts long text with an ellipsis', () => {
    expect(oneLine('  a\n\tb  ')).toBe('a b');
    expect(oneLine('x'.repeat(10), 5)).toBe('xx...');
    expect(oneLine('x'.repeat(300))).toHaveLength(200);
  });
});
