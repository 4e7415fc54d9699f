import { describe, expect, it } from 'vitest';

import { resolveModel } from './resolve-model.js';

const invalidConfig = (message: RegExp) =>
  expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(message) });

describe('resolveModel', () => {
  it('builds the built-in providers with their catalog context windows', () => {
    expect(resolveModel('openai:gpt-4o', { apiKeys: { openai: 'sk-x' } })).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o',
      contextWindow: 128_000,
    });
    expect(
      resolveModel('anthropic:claude-sonnet-4-5', { apiKeys: { anthropic: 'sk-ant' } }),
    ).toMatchObject({
      provider: 'anthropic',
      contextWindow: 200_000,
    });
    expect(resolveModel('openrouter:openai/gpt-4o', { apiKey: 'or-key' })).toMatchObject({
      provider: 'openrouter',
    });
    for (const provider of ['ollama', 'lmstudio', 'vllm']) {
      expect(resolveModel(`${provider}:some-model`).provider).toBe(provider);
    }
  });

  it('takes ARCHON_MODEL_API_KEY for the built-in providers too', () => {
    expect(resolveModel('openai:gpt-4o', { apiKey: 'sk-x' }).provider).toBe('openai');
  });

  it('leaves the context window unset for unknown models and lets the caller set it', () => {
    const unknown = resolveModel('openai-compatible:my-finetune', {
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(unknown.contextWindow).toBeUndefined();
    expect(resolveModel('ollama:llama3.1', { contextWindow: 8192 }).contextWindow).toBe(8192);
    for (const contextWindow of [0, -5, 1.5]) {
      expect(() => resolveModel('ollama:llama3.1', { contextWindow })).toThrow(
        invalidConfig(/context window/),
      );
    }
  });

  it('speaks OpenAI-compatible to any other provider that has a base URL', () => {
    expect(resolveModel('together:qwen', { baseUrl: 'https://api.together.xyz/v1' })).toMatchObject(
      {
        provider: 'together',
        modelId: 'qwen',
      },
    );
  });

  it('refuses a missing key with the variable to set', () => {
    expect(() => resolveModel('openai:gpt-4o')).toThrow(
      invalidConfig(/needs an API key: set OPENAI_API_KEY \(or ARCHON_MODEL_API_KEY\)/),
    );
    expect(() =>
      resolveModel('anthropic:claude-sonnet-4-5', { apiKeys: { anthropic: '  ' } }),
    ).toThrow(invalidConfig(/set ANTHROPIC_API_KEY/));
    expect(() =>
      resolveModel('openai:gpt-4o', { apiKeys: { anthropic: 'wrong provider' } }),
    ).toThrow(invalidConfig(/OPENAI_API_KEY/));
    expect(() => resolveModel('openrouter:x/y')).toThrow(
      invalidConfig(/set ARCHON_MODEL_API_KEY;/),
    );
  });

  it('refuses a missing or bad base URL', () => {
    expect(() => resolveModel('openai-compatible:x')).toThrow(
      invalidConfig(/needs a base URL: set ARCHON_MODEL_BASE_URL/),
    );
    expect(() => resolveModel('mystery:x', { baseUrl: '' })).toThrow(
      invalidConfig(/ARCHON_MODEL_BASE_URL/),
    );
    for (const baseUrl of [
      'not a url',
      'ftp://host/v1',
      'http://user:pass@host/v1',
      'file:///tmp',
    ]) {
      expect(() => resolveModel('ollama:x', { baseUrl })).toThrow(
        invalidConfig(/must be an http\(s\) URL without credentials/),
      );
    }
  });

  it('refuses a bad name', () => {
    expect(() => resolveModel('gpt-4o')).toThrow(
      invalidConfig(/is not provider:model; set ARCHON_MODEL/),
    );
  });

  it('refuses bad resilience settings at once', () => {
    expect(() => resolveModel('ollama:x', { resilience: { timeoutMs: -1 } })).toThrow(
      invalidConfig(/timeoutMs/),
    );
  });
});
