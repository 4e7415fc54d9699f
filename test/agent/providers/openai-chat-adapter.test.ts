import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelRequest } from '../../../src/agent/language-model.js';
import { createCircuitBreakerRegistry } from '../../../src/agent/providers/circuit-breaker.js';
import { resolveModel } from '../../../src/agent/providers/resolve-model.js';
import { estimateMessageTokens } from '../../../src/agent/token-estimate.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../support/fake-openai-server.js';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

const editTool = {
  name: 'edit_file',
  description: 'Replaces text in a file',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string' }, old: { type: 'string' }, new: { type: 'string' } },
    required: ['path', 'old', 'new'],
  },
};

const ask = (content: string): ModelRequest => ({
  system: 'You are an engineer.',
  messages: [{ role: 'user', content }],
  tools: [editTool],
});

describe.each([false, true])('openai chat adapter (stream: %s)', (stream) => {
  const model = () =>
    resolveModel('openai:gpt-4o-mini', {
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      stream,
      resilience: { circuitBreakers: createCircuitBreakerRegistry(), sleep: async () => undefined },
    });

  it('returns a text reply with its usage and sends system, user and tools', async () => {
    server.script({ text: 'Hello there, engineer.', usage: { inputTokens: 42, outputTokens: 7 } });
    const answer = await model().doGenerate({ ...ask('hi'), maxOutputTokens: 500, temperature: 0 });
    expect(answer).toEqual({
      parts: [{ type: 'text', text: 'Hello there, engineer.' }],
      usage: { inputTokens: 42, outputTokens: 7 },
      finishReason: 'stop',
    });
    const { body, headers } = server.requests.at(-1)!;
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      max_tokens: 500,
      temperature: 0,
      messages: [
        { role: 'system', content: 'You are an engineer.' },
        { role: 'user', content: 'hi' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'edit_file',
            description: 'Replaces text in a file',
            parameters: editTool.inputSchema,
          },
        },
      ],
      tool_choice: 'auto',
    });
    expect(body.stream === true).toBe(stream);
  });

  it('round-trips tool calls: calls come back parsed, results go out as tool messages', async () => {
    const input = { path: 'src/sum.ts', old: 'a - b', new: 'a + b' };
    server.script({
      text: 'Editing.',
      toolCalls: [
        { name: 'edit_file', arguments: input, id: 'call_a' },
        { name: 'edit_file', arguments: { path: 'README.md', old: 'x', new: 'y' }, id: 'call_b' },
      ],
    });
    const first = await model().doGenerate(ask('fix it'));
    expect(first.finishReason).toBe('tool-calls');
    expect(first.parts).toEqual([
      { type: 'text', text: 'Editing.' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'edit_file', input },
      {
        type: 'tool-call',
        toolCallId: 'call_b',
        toolName: 'edit_file',
        input: { path: 'README.md', old: 'x', new: 'y' },
      },
    ]);

    server.script((body) => ({ text: `saw ${body.messages?.length} messages` }));
    const second = await model().doGenerate({
      ...ask('fix it'),
      messages: [
        { role: 'user', content: 'fix it' },
        { role: 'assistant', parts: first.parts },
        {
          role: 'tool',
          results: [
            {
              toolCallId: 'call_a',
              toolName: 'edit_file',
              output: 'edited src/sum.ts',
              isError: false,
            },
            {
              toolCallId: 'call_b',
              toolName: 'edit_file',
              output: 'old text not found',
              isError: true,
            },
          ],
        },
      ],
    });
    expect(second.parts).toEqual([{ type: 'text', text: 'saw 5 messages' }]);
    expect(server.requests.at(-1)!.body.messages).toEqual([
      { role: 'system', content: 'You are an engineer.' },
      { role: 'user', content: 'fix it' },
      {
        role: 'assistant',
        content: 'Editing.',
        tool_calls: [
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'edit_file', arguments: JSON.stringify(input) },
          },
          {
            id: 'call_b',
            type: 'function',
            function: { name: 'edit_file', arguments: '{"path":"README.md","old":"x","new":"y"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'edited src/sum.ts' },
      { role: 'tool', tool_call_id: 'call_b', content: 'old text not found' },
    ]);
  });

  it('keeps arguments that are not JSON as their raw text instead of failing', async () => {
    server.script({ toolCalls: [{ name: 'edit_file', arguments: '{"path": "a.ts", ' }] });
    const answer = await model().doGenerate(ask('go'));
    expect(answer.parts).toEqual([
      {
        type: 'tool-call',
        toolCallId: expect.any(String),
        toolName: 'edit_file',
        input: '{"path": "a.ts", ',
      },
    ]);
  });

  it('estimates and flags usage when the server reports none', async () => {
    server.script({ text: 'twelve chars', usage: null });
    const answer = await model().doGenerate(ask('hi'));
    const parts = [{ type: 'text' as const, text: 'twelve chars' }];
    expect(answer.usage).toMatchObject({
      outputTokens: estimateMessageTokens({ role: 'assistant', parts }),
      estimated: true,
    });
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
  });

  it('maps finish reason length', async () => {
    server.script({ text: 'cut off', finishReason: 'length' });
    expect((await model().doGenerate(ask('hi'))).finishReason).toBe('length');
  });

  it('fails a malformed answer as PROVIDER_ERROR without retrying', async () => {
    // Were it retried, the second request would find no turn left and the count would show it.
    server.script({ malformed: true });
    const before = server.requests.length;
    const error = await model()
      .doGenerate(ask('hi'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { retryable: false, attempts: 1 },
    });
    expect(server.requests.length - before).toBe(1);
  });
});

describe('OpenAI-compatible servers', () => {
  it('talks to a local provider by base URL, without a key', async () => {
    server.script({ text: 'local answer' });
    const model = resolveModel('ollama:qwen2.5-coder:7b', {
      baseUrl: server.baseUrl,
      resilience: { circuitBreakers: false },
    });
    expect(model).toMatchObject({
      provider: 'ollama',
      modelId: 'qwen2.5-coder:7b',
      contextWindow: 32_768,
    });
    const answer = await model.doGenerate(ask('hi'));
    expect(answer.parts).toEqual([{ type: 'text', text: 'local answer' }]);
    const sent = server.requests.at(-1)!;
    expect(sent.body.model).toBe('qwen2.5-coder:7b');
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('sends ARCHON_MODEL_API_KEY as a bearer token, streaming with usage', async () => {
    server.script({ text: 'routed', usage: { inputTokens: 5, outputTokens: 1 } });
    const model = resolveModel('openai-compatible:meta/llama-3.3-70b', {
      baseUrl: `${server.baseUrl}/`,
      apiKey: 'gateway-key',
      stream: true,
    });
    const answer = await model.doGenerate(ask('hi'));
    expect(answer).toMatchObject({
      parts: [{ type: 'text', text: 'routed' }],
      usage: { inputTokens: 5, outputTokens: 1 },
    });
    const sent = server.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer gateway-key');
    expect(sent.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
