/**
 * From a model name and configuration to a ready LanguageModel: `openai:<model>`,
 * `anthropic:<model>`, a known local or routed provider (`ollama:`, `lmstudio:`,
 * `vllm:`, `openrouter:`), or any `<provider>:<model>` with a base URL, spoken to as an
 * OpenAI-compatible server. The result is the AI SDK adapter wrapped in the resilience
 * layer, with one circuit breaker per provider endpoint. Configuration mistakes fail
 * here, before any request, with INVALID_CONFIG and a one-line how-to.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { LanguageModel } from '../language-model.js';
import { createAiSdkLanguageModel } from './ai-sdk-language-model.js';
import { knownContextWindow } from './model-catalog.js';
import { modelConfigurationHelp, parseModelName } from './model-name.js';
import { type ResilienceOptions, withModelResilience } from './model-resilience.js';
import {
  createProviderModel,
  knownProviders,
  type ProviderEndpoint,
} from './provider-endpoints.js';

/** Options of {@link resolveModel}; in the CLI they come from the environment. */
export interface ResolveModelOptions {
  /** Keys of the built-in providers (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`). */
  readonly apiKeys?: { readonly openai?: string; readonly anthropic?: string };
  /** The model server's base URL (`ARCHON_MODEL_BASE_URL`), e.g. `http://127.0.0.1:11434/v1`. */
  readonly baseUrl?: string;
  /** The model server's key (`ARCHON_MODEL_API_KEY`); wins over `apiKeys`. */
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
  readonly resilience?: ResilienceOptions;
  /** Use the streaming endpoint and assemble each answer; false unless set. */
  readonly stream?: boolean;
  /** Context window in tokens; from the model catalog unless set. */
  readonly contextWindow?: number;
}

/** The LanguageModel named `name` (`provider:model`); throws INVALID_CONFIG when it cannot be built. */
export function resolveModel(name: string, options: ResolveModelOptions = {}): LanguageModel {
  const endpoint = resolveEndpoint(name, options);
  const contextWindow = options.contextWindow ?? knownContextWindow(endpoint.modelId);
  if (contextWindow !== undefined && (!Number.isInteger(contextWindow) || contextWindow < 1)) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `model context window must be a positive integer, got ${contextWindow}`,
    );
  }
  const adapter = createAiSdkLanguageModel(createProviderModel(endpoint), {
    provider: endpoint.provider,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    stream: options.stream ?? false,
    secrets: [endpoint.apiKey],
  });
  return withModelResilience(adapter, {
    circuitBreakerKey: `${endpoint.provider}@${endpoint.baseUrl}`,
    ...options.resilience,
  });
}

/** Where the model `name` lives and its key, as {@link resolveModel} resolves them; INVALID_CONFIG when incomplete. */
export function resolveEndpoint(name: string, options: ResolveModelOptions = {}): ProviderEndpoint {
  const { provider, modelId } = parseModelName(name);
  const known = knownProviders[provider];
  const protocol = known?.protocol ?? 'openai-compatible';
  const rawBaseUrl = present(options.baseUrl) ?? known?.defaultBaseUrl;
  if (rawBaseUrl === undefined) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `model ${provider}:${modelId} needs a base URL: set ARCHON_MODEL_BASE_URL to its OpenAI-compatible endpoint (e.g. http://127.0.0.1:8000/v1); ${modelConfigurationHelp}`,
      { details: { model: name } },
    );
  }
  const builtInKey =
    provider === 'openai'
      ? options.apiKeys?.openai
      : provider === 'anthropic'
        ? options.apiKeys?.anthropic
        : undefined;
  const apiKey = present(options.apiKey) ?? present(builtInKey);
  if (apiKey === undefined && known?.keyVariable !== undefined) {
    const alternative =
      known.keyVariable === 'ARCHON_MODEL_API_KEY' ? '' : ' (or ARCHON_MODEL_API_KEY)';
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `model ${provider}:${modelId} needs an API key: set ${known.keyVariable}${alternative}; ${modelConfigurationHelp}`,
      { details: { model: name } },
    );
  }
  return {
    provider,
    protocol,
    modelId,
    baseUrl: checkedBaseUrl(rawBaseUrl),
    apiKey,
    fetch: options.fetch,
  };
}

function checkedBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `model base URL ${JSON.stringify(value)} must be an http(s) URL without credentials, e.g. http://127.0.0.1:11434/v1 (ARCHON_MODEL_BASE_URL)`,
    );
  }
  return value.trim().replace(/\/+$/, '');
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
