import { describe, expect, it } from 'vitest';

import { mapAhead } from './read-ahead.js';

async function* numbers(count: number): AsyncGenerator<number> {
  for (let index = 0; index < count; index += 1) yield index;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('mapAhead', () => {
  it('yields results in source order even when later ones finish first', async () => {
    const results = mapAhead(
      numbers(10),
      (value) => new Promise<number>((resolve) => setTimeout(() => resolve(value * 2), 10 - value)),
      4,
    );
    expect(await collect(results)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('keeps at most `window` calls pending', async () => {
    let pending = 0;
    let peak = 0;
    const results = mapAhead(
      numbers(20),
      async (value) => {
        pending += 1;
        peak = Math.max(peak, pending);
        await new Promise((resolve) => setImmediate(resolve));
        pending -= 1;
        return value;
      },
      3,
    );
    expect(await collect(results)).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it('surfaces a rejection at its place in the order', async () => {
    const seen: number[] = [];
    const results = mapAhead(
      numbers(5),
      async (value) => {
        if (value === 2) throw new Error('boom');
        return value;
      },
      8,
    );
    await expect(async () => {
      for await (const value of results) seen.push(value);
    }).rejects.toThrow('boom');
    expect(seen).toEqual([0, 1]);
  });
});
