import { describe, expect, it } from 'vitest';

import { ResultChannel } from './result-channel.js';

async function drainAll<T>(channel: ResultChannel<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of channel.drain()) items.push(item);
  return items;
}

describe('ResultChannel', () => {
  it('delivers items pushed before and while reading, then ends when closed', async () => {
    const channel = new ResultChannel<number>();
    channel.push(1);
    const reading = drainAll(channel);
    await Promise.resolve();
    channel.push(2);
    setTimeout(() => {
      channel.push(3);
      channel.close();
      channel.push(4);
    }, 5);
    expect(await reading).toEqual([1, 2, 3]);
  });

  it('throws the failure at the next step and ignores later pushes', async () => {
    const channel = new ResultChannel<string>();
    channel.push('a');
    const error = new Error('broken');
    channel.fail(error);
    channel.fail(new Error('second'));
    channel.push('b');
    await expect(drainAll(channel)).rejects.toBe(error);
  });

  it('ignores a failure after close', async () => {
    const channel = new ResultChannel<string>();
    channel.push('a');
    channel.close();
    channel.fail(new Error('late'));
    expect(await drainAll(channel)).toEqual(['a']);
  });
});
