import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelRequest } from '../../../src/agent/language-model.js';
import { createCircuitBreakerRegistry } from '../../../src/agent/providers/circuit-breaker.js';
import { resolveModel } from '../../../src/agent/providers/resolve-model.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from './fake-anthropic-server.js';

const apiKey = 'sk-ant-secret-key-123456';
let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(async () => {
  await server.close();
});

function model(waits: number[] = []) {
  return resolveModel('anthropic:claude-sonnet-4-5', {
    apiKeys: { anthropic: apiKey },
    baseUrl: server.baseUrl,
    resilience: {
      circuitBreakers: createCircuitBreakerRegistry(),
      sleep: async (milliseconds) => void waits.push(milliseconds),
      random: () => 0.5,
    },
  });
}

const readTool = {
  name: 'read_file',
  description: 'Reads a file',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

describe('anthropic adapter over a fake Messages API', () => {
  it('maps the conversation to content blocks and the answer back', async () => {
    server.script({
      text: 'Reading it.',
      toolUses: [{ name: 'read_file', input: { path: 'a.ts' } }],
      usage: { input: 120, output: 30 },
    });
    const first: ModelRequest = {
      system: 'You are careful.',
      messages: [{ role: 'user', content: 'Fix the bug.' }],
      tools: [readTool],
      maxOutputTokens: 1000,
    };
    const answer = await model().doGenerate(first);
    expect(answer.finishReason).toBe('tool-calls');
    expect(answer.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
    expect(answer.parts).toEqual([
      { type: 'text', text: 'Reading it.' },
      {
        type: 'tool-call',
        toolCallId: expect.stringMatching(/^toolu_/),
        toolName: 'read_file',
        input: { path: 'a.ts' },
      },
    ]);
    const sent = server.requests.at(-1)!;
    expect(sent.headers['x-api-key']).toBe(apiKey);
    expect(sent.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 1000,
      system: [{ type: 'text', text: 'You are careful.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Fix the bug.' }] }],
      tools: [
        { name: 'read_file', description: 'Reads a file', input_schema: readTool.inputSchema },
      ],
    });

    const call = answer.parts[1]!;
    if (call.type !== 'tool-call') throw new Error('expected a tool call');
    server.script({ text: 'Fixed.' });
    const second = await model().doGenerate({
      ...first,
      messages: [
        ...first.messages,
        { role: 'assistant', parts: answer.parts },
        {
          role: 'tool',
          results: [
            {
              toolCallId: call.toolCallId,
              toolName: 'read_file',
              output: 'no such file',
              isError: true,
            },
          ],
        },
      ],
    });
    expect(second.parts).toEqual([{ type: 'text', text: 'Fixed.' }]);
    expect(second.finishReason).toBe('stop');
    const messages = server.requests.at(-1)!.body.messages;
    expect(messages).toMatchObject([
      { role: 'user' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reading it.' },
          { type: 'tool_use', id: call.toolCallId, name: 'read_file', input: { path: 'a.ts' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: call.toolCallId,
            content: 'no such file',
            is_error: true,
          },
        ],
      },
    ]);
  });

  it('maps max_tokens to length', async () => {
    server.script({ text: 'cut', stopReason: 'max_tokens' });
    const answer = await model().doGenerate({
      system: '',
      messages: [{ role: 'user', content: 'x' }],
      tools: [],
    });
    expect(answer.finishReason).toBe('length');
  });

  it('retries overloaded (529) after its Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    server.script(
      { status: 529, errorType: 'overloaded_error', message: 'Overloaded', retryAfter: 3 },
      { text: 'ok' },
    );
    const before = server.requests.length;
    const answer = await model(waits).doGenerate({
      system: '',
      messages: [{ role: 'user', content: 'x' }],
      tools: [],
    });
    expect(answer.parts).toEqual([{ type: 'text', text: 'ok' }]);
    expect(waits).toEqual([3000]);
    expect(server.requests.length - before).toBe(2);
  });

  it('reports an authentication error once, with the provider message and without the key', async () => {
    server.script({
      status: 401,
      errorType: 'authentication_error',
      message: `invalid x-api-key ${apiKey}`,
    });
    const before = server.requests.length;
    const error = await model()
      .doGenerate({ system: '', messages: [{ role: 'user', content: 'x' }], tools: [] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', details: { status: 401, attempts: 1 } });
    expect((error as Error).message).toContain('invalid x-api-key [redacted]');
    expect(JSON.stringify(error)).not.toContain(apiKey);
    expect(server.requests.length - before).toBe(1);
  });
});
