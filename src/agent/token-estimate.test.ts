import { describe, expect, it } from 'vitest';

import {
  estimateMessageTokens,
  estimateRequestTokens,
  estimateTokensOfLength,
  estimateToolTokens,
} from './token-estimate.js';

describe('token estimates', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTokensOfLength(0)).toBe(0);
    expect(estimateTokensOfLength(1)).toBe(1);
    expect(estimateTokensOfLength(8)).toBe(2);
  });

  it('counts each kind of message, with a small overhead per message', () => {
    expect(estimateMessageTokens({ role: 'user', content: 'x'.repeat(40) })).toBe(14);
    expect(
      estimateMessageTokens({
        role: 'assistant',
        parts: [
          { type: 'text', text: 'abcd' },
          { type: 'tool-call', toolCallId: 'id', toolName: 'ab', input: { a: 1 } },
        ],
      }),
    ).toBe(Math.ceil((4 + 2 + 2 + 7) / 4) + 4);
    expect(
      estimateMessageTokens({
        role: 'tool',
        results: [{ toolCallId: 'id', toolName: 'ab', output: 'abcd', isError: false }],
      }),
    ).toBe(2 + 4);
  });

  it('handles raw string and unserializable tool inputs', () => {
    expect(
      estimateMessageTokens({
        role: 'assistant',
        parts: [{ type: 'tool-call', toolCallId: '', toolName: '', input: '{"a"' }],
      }),
    ).toBe(5);
    expect(
      estimateMessageTokens({
        role: 'assistant',
        parts: [{ type: 'tool-call', toolCallId: '', toolName: '', input: 1n }],
      }),
    ).toBe(4);
  });

  it('counts a whole request: system, tools and messages', () => {
    const tools = [{ name: 'read', description: 'read it', inputSchema: { type: 'object' } }];
    const request = {
      system: 'x'.repeat(400),
      messages: [{ role: 'user' as const, content: 'y'.repeat(40) }],
      tools,
    };
    expect(estimateToolTokens(tools)).toBe(Math.ceil((4 + 7 + 17) / 4));
    expect(estimateRequestTokens(request)).toBe(100 + 7 + 14);
  });
});
