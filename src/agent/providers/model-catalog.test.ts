import { describe, expect, it } from 'vitest';

import { knownContextWindow } from './model-catalog.js';

describe('knownContextWindow', () => {
  it.each([
    ['gpt-4o', 128_000],
    ['gpt-4o-mini-2024-07-18', 128_000],
    ['gpt-4', 8_192],
    ['gpt-4-turbo-preview', 128_000],
    ['gpt-4.1-mini', 1_047_576],
    ['gpt-5', 400_000],
    ['o3-mini', 200_000],
    ['claude-sonnet-4-5', 200_000],
    ['anthropic/claude-3.5-sonnet:beta', 200_000],
    ['qwen2.5-coder:7b', 32_768],
    ['Llama3.1:70B', 131_072],
    ['meta-llama/llama-3.3-70b-instruct', 131_072],
  ])('knows %s', (modelId, tokens) => {
    expect(knownContextWindow(modelId)).toBe(tokens);
  });

  it('knows nothing about unknown models', () => {
    expect(knownContextWindow('my-finetune')).toBeUndefined();
    expect(knownContextWindow('')).toBeUndefined();
  });
});
