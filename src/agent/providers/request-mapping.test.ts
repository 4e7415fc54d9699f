import { describe, expect, it } from 'vitest';

import type { ModelRequest } from '../language-model.js';
import { toCallOptions } from './request-mapping.js';

const schema = { type: 'object', properties: { query: { type: 'string' } } };

describe('toCallOptions', () => {
  it('maps system, messages, tools and settings', () => {
    const signal = new AbortController().signal;
    const request: ModelRequest = {
      system: 'be brief',
      messages: [
        { role: 'user', content: 'find it' },
        {
          role: 'assistant',
          parts: [
            { type: 'text', text: 'searching' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'search', input: { query: 'x' } },
          ],
        },
        {
          role: 'tool',
          results: [
            { toolCallId: 'c1', toolName: 'search', output: 'found', isError: false },
            { toolCallId: 'c2', toolName: 'search', output: 'bad args', isError: true },
          ],
        },
      ],
      tools: [{ name: 'search', description: 'Searches', inputSchema: schema }],
      maxOutputTokens: 100,
      temperature: 0.2,
    };
    expect(toCallOptions(request, signal)).toEqual({
      prompt: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'find it' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'searching' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'search', input: { query: 'x' } },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'search',
              output: { type: 'text', value: 'found' },
            },
            {
              type: 'tool-result',
              toolCallId: 'c2',
              toolName: 'search',
              output: { type: 'error-text', value: 'bad args' },
            },
          ],
        },
      ],
      tools: [{ type: 'function', name: 'search', description: 'Searches', inputSchema: schema }],
      toolChoice: { type: 'auto' },
      maxOutputTokens: 100,
      temperature: 0.2,
      abortSignal: signal,
    });
  });

  it('leaves out an empty system prompt, tools when there are none and unset settings', () => {
    expect(
      toCallOptions(
        { system: '', messages: [{ role: 'user', content: 'hi' }], tools: [] },
        undefined,
      ),
    ).toEqual({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });

  it('wraps tool inputs that are not objects so every provider accepts them', () => {
    const options = toCallOptions(
      {
        system: '',
        messages: [
          {
            role: 'assistant',
            parts: [
              { type: 'tool-call', toolCallId: 'a', toolName: 't', input: '{"broken' },
              { type: 'tool-call', toolCallId: 'b', toolName: 't', input: [1, 2] },
              { type: 'tool-call', toolCallId: 'c', toolName: 't', input: null },
            ],
          },
        ],
        tools: [],
      },
      undefined,
    );
    const content = options.prompt[0]?.content as { input: unknown }[];
    expect(content.map((part) => part.input)).toEqual([
      { unparsed_input: '{"broken' },
      { unparsed_input: [1, 2] },
      { unparsed_input: null },
    ]);
  });
});
