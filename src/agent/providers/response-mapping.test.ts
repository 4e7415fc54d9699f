import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import type { ModelRequest } from '../language-model.js';
import { estimateMessageTokens, estimateRequestTokens } from '../token-estimate.js';
import { parseToolInput, toModelResponse } from './response-mapping.js';

const request: ModelRequest = {
  system: 'system prompt',
  messages: [{ role: 'user', content: 'question' }],
  tools: [],
};

function usage(input: number | undefined, output: number | undefined): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: undefined, reasoning: undefined },
  };
}

describe('toModelResponse', () => {
  it('keeps text and client tool calls in order and drops the rest', () => {
    const response = toModelResponse(
      {
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'first' },
          { type: 'text', text: '' },
          { type: 'tool-call', toolCallId: 'a', toolName: 'read', input: '{"path":"x"}' },
          {
            type: 'tool-call',
            toolCallId: 'b',
            toolName: 'web_search',
            input: '{}',
            providerExecuted: true,
          },
          { type: 'text', text: 'second' },
        ],
        usage: usage(10, 4),
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      },
      request,
    );
    expect(response).toEqual({
      parts: [
        { type: 'text', text: 'first' },
        { type: 'tool-call', toolCallId: 'a', toolName: 'read', input: { path: 'x' } },
        { type: 'text', text: 'second' },
      ],
      usage: { inputTokens: 10, outputTokens: 4 },
      finishReason: 'tool-calls',
    });
  });

  it('estimates and flags missing counts, keeping the ones the server sent', () => {
    const parts = [{ type: 'text' as const, text: 'abcdefgh' }];
    const partial = toModelResponse(
      {
        content: [{ type: 'text', text: 'abcdefgh' }],
        usage: usage(50, undefined),
        finishReason: undefined,
      },
      request,
    );
    expect(partial.usage).toEqual({
      inputTokens: 50,
      outputTokens: estimateMessageTokens({ role: 'assistant', parts }),
      estimated: true,
    });
    const none = toModelResponse(
      { content: [], usage: undefined, finishReason: undefined },
      request,
    );
    expect(none.usage).toEqual({
      inputTokens: estimateRequestTokens(request),
      outputTokens: estimateMessageTokens({ role: 'assistant', parts: [] }),
      estimated: true,
    });
    expect(none.finishReason).toBe('other');
  });

  it('says tool-calls when a server says stop after calling tools', () => {
    const call = { type: 'tool-call' as const, toolCallId: 'a', toolName: 't', input: '{}' };
    const stop = toModelResponse(
      { content: [call], usage: usage(1, 1), finishReason: { unified: 'stop', raw: 'stop' } },
      request,
    );
    expect(stop.finishReason).toBe('tool-calls');
    const length = toModelResponse(
      { content: [call], usage: usage(1, 1), finishReason: { unified: 'length', raw: 'length' } },
      request,
    );
    expect(length.finishReason).toBe('length');
  });
});

describe('parseToolInput', () => {
  it('parses JSON, reads no input as {} and keeps broken JSON as text', () => {
    expect(parseToolInput('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(parseToolInput('  ')).toEqual({});
    expect(parseToolInput('{"a":')).toBe('{"a":');
    expect(parseToolInput('"text"')).toBe('text');
  });
});
