import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import { collectStream, StreamErrorPart } from './stream-aggregation.js';

function streamOf(parts: LanguageModelV3StreamPart[], failAtEnd?: Error) {
  let cancelled: unknown = 'not cancelled';
  const stream = new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      if (failAtEnd) controller.error(failAtEnd);
      else controller.close();
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  return { stream, cancelled: () => cancelled };
}

const finish: LanguageModelV3StreamPart = {
  type: 'finish',
  usage: {
    inputTokens: { total: 9, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 3, text: undefined, reasoning: undefined },
  },
  finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
};

describe('collectStream', () => {
  it('joins text deltas per block and keeps tool calls in order', async () => {
    const { stream } = streamOf([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hel' },
      { type: 'text-delta', id: '0', delta: 'lo' },
      { type: 'text-end', id: '0' },
      { type: 'tool-input-start', id: 'c', toolName: 'read' },
      { type: 'tool-input-delta', id: 'c', delta: '{}' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'read', input: '{}' },
      { type: 'text-delta', id: '1', delta: 'after' },
      finish,
    ]);
    const result = await collectStream(stream);
    expect(result.content).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'read', input: '{}' },
      { type: 'text', text: 'after' },
    ]);
    expect(result.usage?.inputTokens.total).toBe(9);
    expect(result.finishReason?.unified).toBe('tool-calls');
  });

  it('reports no usage or finish reason when the stream ends without them', async () => {
    const result = await collectStream(streamOf([]).stream);
    expect(result).toEqual({ content: [], usage: undefined, finishReason: undefined });
  });

  it('throws an error part and stops reading', async () => {
    const { stream, cancelled } = streamOf([
      { type: 'text-delta', id: '0', delta: 'par' },
      { type: 'error', error: { message: 'overloaded' } },
      finish,
    ]);
    const error = await collectStream(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamErrorPart);
    expect((error as Error).message).toBe('overloaded');
    expect(cancelled()).toBe(error);
  });

  it('names error parts that carry an Error, text or nothing useful', async () => {
    const message = async (value: unknown): Promise<string> =>
      (
        (await collectStream(streamOf([{ type: 'error', error: value }]).stream).catch(
          (caught: unknown) => caught,
        )) as Error
      ).message;
    expect(await message(new Error('bad chunk'))).toBe('bad chunk');
    expect(await message('plain')).toBe('plain');
    expect(await message(42)).toBe('the stream reported an error');
  });

  it('passes on a failure to read the stream', async () => {
    const failure = new TypeError('terminated');
    await expect(collectStream(streamOf([], failure).stream)).rejects.toBe(failure);
  });
});
