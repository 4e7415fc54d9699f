import { describe, expect, it } from 'vitest';

import { IdempotencyRegistry } from './idempotency-registry.js';

describe('IdempotencyRegistry', () => {
  it('reserves, completes and releases keys per principal', () => {
    const registry = new IdempotencyRegistry({ clock: () => 0 });
    expect(registry.state('a', 'k')).toEqual({ kind: 'unused' });
    expect(registry.reserve('a', 'k')).toBe(true);
    expect(registry.reserve('a', 'k')).toBe(false);
    expect(registry.state('a', 'k')).toEqual({ kind: 'in-flight' });
    expect(registry.state('b', 'k')).toEqual({ kind: 'unused' });
    registry.release('a', 'k');
    expect(registry.state('a', 'k')).toEqual({ kind: 'unused' });
    registry.reserve('a', 'k');
    registry.complete('a', 'k', 'print', 'run-1');
    registry.release('a', 'k');
    expect(registry.state('a', 'k')).toEqual({
      kind: 'completed',
      fingerprint: 'print',
      runId: 'run-1',
    });
    expect(registry.reserve('a', 'k')).toBe(false);
  });

  it('forgets completed keys after the time to live', () => {
    let now = 0;
    const registry = new IdempotencyRegistry({ clock: () => now, ttlMs: 1000 });
    registry.complete('a', 'k', 'print', 'run-1');
    now = 1000;
    expect(registry.state('a', 'k').kind).toBe('completed');
    now = 1001;
    expect(registry.state('a', 'k')).toEqual({ kind: 'unused' });
    registry.complete('a', 'old', 'print', 'run-0', -5000);
    expect(registry.state('a', 'old')).toEqual({ kind: 'unused' });
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const registry = new IdempotencyRegistry({ clock: () => 0, maxEntries: 2 });
    registry.complete('a', '1', 'p', 'r1');
    registry.complete('a', '2', 'p', 'r2');
    registry.complete('a', '3', 'p', 'r3');
    expect(registry.size).toBe(2);
    expect(registry.state('a', '1').kind).toBe('unused');
    expect(registry.state('a', '3').kind).toBe('completed');
  });

  it('does not confuse a principal and key that join to the same text', () => {
    const registry = new IdempotencyRegistry({ clock: () => 0 });
    registry.complete('a', 'b\nc', 'p', 'r1');
    expect(registry.state('a\nb', 'c').kind).toBe('unused');
  });
});
