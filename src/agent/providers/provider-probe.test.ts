import { describe, expect, it } from 'vitest';

import { providerProbe } from './provider-probe.js';

describe('providerProbe', () => {
  it('lists the models of each protocol with its own authentication header', () => {
    expect(providerProbe('openai:gpt-4o', { apiKeys: { openai: 'sk-openai' } })).toEqual({
      provider: 'openai',
      url: 'https://api.openai.com/v1/models',
      headers: { authorization: 'Bearer sk-openai' },
    });
    expect(
      providerProbe('anthropic:claude-sonnet-4-5', { apiKeys: { anthropic: 'sk-ant' } }),
    ).toEqual({
      provider: 'anthropic',
      url: 'https://api.anthropic.com/v1/models',
      headers: { 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01' },
    });
    expect(providerProbe('ollama:llama3.1', { baseUrl: 'http://127.0.0.1:11434/v1/' })).toEqual({
      provider: 'ollama',
      url: 'http://127.0.0.1:11434/v1/models',
      headers: {},
    });
  });

  it('fails like the model itself when the configuration is incomplete', () => {
    expect(() => providerProbe('openai:gpt-4o')).toThrow(/OPENAI_API_KEY/);
  });
});
