import { describe, expect, it } from 'vitest';

import { throttledWarning } from './throttled-warning.js';

describe('throttledWarning', () => {
  it('logs the first failure, then one per interval with the count held back', () => {
    let now = 0;
    const lines: Record<string, unknown>[] = [];
    const report = throttledWarning({ warn: (fields) => lines.push(fields) }, 'down', {
      intervalMs: 1_000,
      clock: () => now,
    });
    report(new Error('refused'), 'get');
    for (let index = 0; index < 5; index += 1) report('again', 'set');
    now = 1_000;
    report(new Error('still refused'), 'get');
    expect(lines).toEqual([
      { operation: 'get', reason: 'refused', suppressed: 0 },
      { operation: 'get', reason: 'still refused', suppressed: 5 },
    ]);
  });
});
