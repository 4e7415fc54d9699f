/**
 * The one adapter between our LanguageModel contract and the Vercel AI SDK's provider
 * specification (LanguageModelV3 of @ai-sdk/provider v3). Any AI SDK provider model fits
 * behind it. It makes exactly one HTTP call per doGenerate: retries, timeouts and the
 * circuit breaker live in the resilience layer around it, and the provider packages
 * themselves never retry (only the `ai` package's generateText does, which we do not use).
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';

import type {
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
} from '../language-model.js';
import { cancelledError } from './provider-errors.js';
import { toCallOptions } from './request-mapping.js';
import { type ProviderResult, toModelResponse } from './response-mapping.js';
import { fromSdkError } from './sdk-error-mapping.js';
import { collectStream } from './stream-aggregation.js';

/** Options of {@link createAiSdkLanguageModel}. */
export interface AiSdkLanguageModelOptions {
  /** Our provider name (`openai`, `anthropic`, `ollama`, ...); the model's own otherwise. */
  readonly provider?: string;
  /** Context window in tokens, when known. */
  readonly contextWindow?: number;
  /** Use the provider's streaming endpoint and assemble the whole answer; false unless set. */
  readonly stream?: boolean;
  /** Keys that must never appear in an error message. */
  readonly secrets?: readonly (string | undefined)[];
  /** Clock for `Retry-After` dates; `Date.now` unless set. */
  readonly now?: () => number;
}

/** Wraps an AI SDK provider model (spec v3) as our LanguageModel. */
export function createAiSdkLanguageModel(
  model: LanguageModelV3,
  options: AiSdkLanguageModelOptions = {},
): LanguageModel {
  const provider = options.provider ?? model.provider;
  const name = `${provider}:${model.modelId}`;
  const secrets = options.secrets ?? [];
  const now = options.now ?? Date.now;

  async function call(
    request: ModelRequest,
    abortSignal: AbortSignal | undefined,
  ): Promise<ProviderResult> {
    const callOptions = toCallOptions(request, abortSignal);
    if (!options.stream) return model.doGenerate(callOptions);
    const { stream } = await model.doStream(callOptions);
    return collectStream(stream);
  }

  return {
    provider,
    modelId: model.modelId,
    ...(options.contextWindow === undefined ? {} : { contextWindow: options.contextWindow }),
    async doGenerate(
      request: ModelRequest,
      callOptions?: ModelCallOptions,
    ): Promise<ModelResponse> {
      const abortSignal = callOptions?.abortSignal;
      if (abortSignal?.aborted) throw cancelledError(name);
      try {
        return toModelResponse(await call(request, abortSignal), request);
      } catch (error) {
        throw fromSdkError(error, { model: name, secrets, abortSignal, now });
      }
    },
  };
}
