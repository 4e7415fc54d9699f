import { describe, expect, it } from 'vitest';

import { type RunEvent, RunEventLog } from './run-events.js';

describe('RunEventLog', () => {
  it('numbers, stamps and keeps events and forwards them in order', () => {
    let now = 100;
    const seen: RunEvent[] = [];
    const log = new RunEventLog(
      'run-1',
      () => now++,
      (event) => seen.push(event),
    );
    log.emit('step-started', { step: 1 });
    log.emit('text', { step: 1, text: 'hello' });
    expect(log.events).toEqual([
      { type: 'step-started', runId: 'run-1', sequence: 1, timestamp: 100, step: 1 },
      { type: 'text', runId: 'run-1', sequence: 2, timestamp: 101, step: 1, text: 'hello' },
    ]);
    expect(seen).toEqual(log.events);
  });

  it('keeps going when the listener throws', () => {
    const log = new RunEventLog(
      'run-1',
      () => 0,
      () => {
        throw new Error('listener bug');
      },
    );
    log.emit('step-started', { step: 1 });
    log.emit('step-started', { step: 2 });
    expect(log.events.map((event) => event.sequence)).toEqual([1, 2]);
  });
});
