/**
 * The cheapest request that proves a model provider answers and accepts our key:
 * `GET <baseUrl>/models`, which OpenAI, Anthropic and the OpenAI-compatible servers
 * (Ollama, LM Studio, vLLM, OpenRouter) all serve without spending tokens.
 */
import type { ProviderEndpoint } from './provider-endpoints.js';
import { resolveEndpoint, type ResolveModelOptions } from './resolve-model.js';

/** A GET that checks a provider: its URL and headers (which may hold the key: never log them). */
export interface ProviderProbe {
  /** The provider as named in `provider:model`. */
  readonly provider: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Anthropic's API requires a version header on every request, the model list included. */
const anthropicVersion = '2023-06-01';

/** The probe of the model `name`; throws INVALID_CONFIG like {@link resolveEndpoint}. */
export function providerProbe(name: string, options: ResolveModelOptions = {}): ProviderProbe {
  const endpoint = resolveEndpoint(name, options);
  return {
    provider: endpoint.provider,
    url: `${endpoint.baseUrl}/models`,
    headers: headersOf(endpoint),
  };
}

function headersOf(endpoint: ProviderEndpoint): Record<string, string> {
  if (endpoint.apiKey === undefined) return {};
  if (endpoint.protocol === 'anthropic') {
    return { 'x-api-key': endpoint.apiKey, 'anthropic-version': anthropicVersion };
  }
  return { authorization: `Bearer ${endpoint.apiKey}` };
}
