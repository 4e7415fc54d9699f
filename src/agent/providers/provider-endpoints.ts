/**
 * Where each provider lives and how it authenticates: the built-in providers with
 * their default base URLs, and the AI SDK provider package that speaks to each. Base
 * URLs and keys are always passed explicitly, so the SDK never falls back to reading
 * `OPENAI_API_KEY` or `*_BASE_URL` from the environment on its own.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';

/** The wire protocol a provider speaks. */
export type ProviderProtocol = 'openai' | 'anthropic' | 'openai-compatible';

/** What is known about a provider before any configuration. */
export interface KnownProvider {
  readonly protocol: ProviderProtocol;
  readonly defaultBaseUrl?: string;
  /** The environment variable that holds its key, for messages; undefined when it needs none. */
  readonly keyVariable?: string;
}

/** Providers by the name used in `provider:model`. */
export const knownProviders: Readonly<Record<string, KnownProvider>> = {
  openai: {
    protocol: 'openai',
    defaultBaseUrl: 'https://api.openai.com/v1',
    keyVariable: 'OPENAI_API_KEY',
  },
  anthropic: {
    protocol: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    keyVariable: 'ANTHROPIC_API_KEY',
  },
  openrouter: {
    protocol: 'openai-compatible',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    keyVariable: 'ARCHON_MODEL_API_KEY',
  },
  ollama: { protocol: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:11434/v1' },
  lmstudio: { protocol: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:1234/v1' },
  vllm: { protocol: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:8000/v1' },
  'openai-compatible': { protocol: 'openai-compatible' },
};

/** A provider endpoint with everything resolved. */
export interface ProviderEndpoint {
  readonly provider: string;
  readonly protocol: ProviderProtocol;
  readonly modelId: string;
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly fetch: typeof fetch | undefined;
}

/** The AI SDK model for `endpoint`; OpenAI through its Chat Completions API. */
export function createProviderModel(endpoint: ProviderEndpoint): LanguageModelV3 {
  const { baseUrl: baseURL, apiKey, fetch } = endpoint;
  const transport = fetch === undefined ? {} : { fetch };
  switch (endpoint.protocol) {
    case 'openai':
      return createOpenAI({ baseURL, apiKey, ...transport }).chat(endpoint.modelId);
    case 'anthropic':
      return createAnthropic({ baseURL, apiKey, ...transport })(endpoint.modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: endpoint.provider,
        baseURL,
        ...(apiKey === undefined ? {} : { apiKey }),
        includeUsage: true,
        ...transport,
      }).chatModel(endpoint.modelId);
  }
}
