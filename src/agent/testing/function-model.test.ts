import { describe, expect, it } from 'vitest';

import { ArchonError } from '../../core/errors.js';
import type { ModelRequest } from '../language-model.js';
import { estimateRequestTokens } from '../token-estimate.js';
import { FunctionModel } from './function-model.js';
import { textTurn, toolCallTurn } from './model-turns.js';

const request: ModelRequest = {
  system: 'sys',
  messages: [{ role: 'user', content: 'hello there' }],
  tools: [],
};

describe('FunctionModel', () => {
  it('answers from the function, records calls and fills ids, usage and finish reasons', async () => {
    const model = new FunctionModel((_request, info) =>
      info.callIndex === 0
        ? toolCallTurn(
            { toolName: 'a', input: { x: 1 } },
            { toolName: 'b', input: {}, toolCallId: 'given' },
          )
        : textTurn('bye'),
    );
    const first = await model.doGenerate(request);
    expect(first.parts).toEqual([
      { type: 'tool-call', toolCallId: 'call-1-1', toolName: 'a', input: { x: 1 } },
      { type: 'tool-call', toolCallId: 'given', toolName: 'b', input: {} },
    ]);
    expect(first.finishReason).toBe('tool-calls');
    expect(first.usage).toEqual({
      inputTokens: estimateRequestTokens(request),
      outputTokens: Math.ceil((1 + 7 + 1 + 2) / 4),
    });
    const second = await model.doGenerate(request);
    expect(second).toEqual({
      parts: [{ type: 'text', text: 'bye' }],
      usage: { inputTokens: estimateRequestTokens(request), outputTokens: 1 },
      finishReason: 'stop',
    });
    expect(model.calls).toEqual([request, request]);
    expect(model.requestCount).toBe(2);
    expect(model).toMatchObject({ provider: 'test', modelId: 'function' });
  });

  it('keeps given usage and finish reason, and passes the abort signal', async () => {
    const signal = new AbortController().signal;
    let seen: AbortSignal | undefined;
    const model = new FunctionModel(
      (_request, info) => {
        seen = info.abortSignal;
        return { ...textTurn('x', { inputTokens: 5, outputTokens: 6 }), finishReason: 'length' };
      },
      { provider: 'custom', modelId: 'm', contextWindow: 1000, recordCalls: false },
    );
    expect(await model.doGenerate(request, { abortSignal: signal })).toMatchObject({
      usage: { inputTokens: 5, outputTokens: 6 },
      finishReason: 'length',
    });
    expect(seen).toBe(signal);
    expect(model.calls).toEqual([]);
    expect(model).toMatchObject({ provider: 'custom', modelId: 'm', contextWindow: 1000 });
  });

  it('sequence answers turns in order and fails clearly past the end', async () => {
    const model = FunctionModel.sequence([textTurn('one')]);
    expect((await model.doGenerate(request)).parts).toEqual([{ type: 'text', text: 'one' }]);
    const past = model.doGenerate(request);
    await expect(past).rejects.toBeInstanceOf(ArchonError);
    await expect(model.doGenerate(request)).rejects.toThrow(
      'FunctionModel.sequence: request 3 asked for a turn, but the script has only 1',
    );
  });
});
