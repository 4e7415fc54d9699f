import { describe, expect, it } from 'vitest';

import { parseModelName } from './model-name.js';

describe('parseModelName', () => {
  it.each([
    ['openai:gpt-4o', 'openai', 'gpt-4o'],
    [' anthropic:claude-sonnet-4-5 ', 'anthropic', 'claude-sonnet-4-5'],
    ['ollama:qwen2.5-coder:7b', 'ollama', 'qwen2.5-coder:7b'],
    ['openrouter:openai/gpt-4o', 'openrouter', 'openai/gpt-4o'],
    ['openai-compatible:local-model', 'openai-compatible', 'local-model'],
  ])('reads %s', (name, provider, modelId) => {
    expect(parseModelName(name)).toEqual({ provider, modelId });
  });

  it.each([
    'gpt-4o',
    ':gpt-4o',
    'openai:',
    'OpenAI:gpt-4o',
    '9x:model',
    'open ai:x',
    'openai:gpt 4o',
    '',
  ])('refuses %j with INVALID_CONFIG and a how-to', (name) => {
    expect(() => parseModelName(name)).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('ARCHON_MODEL'),
      }),
    );
  });

  it('refuses a value that is not a string', () => {
    expect(() => parseModelName(undefined as unknown as string)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
