/**
 * An embedding model behind any server that speaks the OpenAI `/embeddings` API (OpenAI,
 * Azure-style gateways, vLLM, Ollama, LM Studio, llama.cpp, TEI...). Plain `fetch` and a
 * minimal response schema, no vendor SDK. Transient failures (408, 409, 425, 429, 5xx,
 * network errors, timeouts) are retried with capped exponential backoff and full jitter,
 * or after the server's `Retry-After`; everything else fails at once as PROVIDER_ERROR.
 */
import type { EmbeddingModel, EmbedOptions } from '../../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../../core/errors.js';
import { integerOption, textOption } from '../option-checks.js';
import { abortableSleep } from './abortable-sleep.js';
import { type EmbeddingsEndpoint, requestEmbeddings } from './embeddings-request.js';
import { backoffDelay } from './retry-timing.js';

/** Options of {@link createOpenAICompatibleEmbedder}. */
export interface OpenAICompatibleEmbedderOptions {
  /** API root, e.g. `https://api.openai.com/v1`; requests go to `<baseUrl>/embeddings`. */
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never appears in an error message. */
  readonly apiKey?: string;
  /** Length of the vectors the model returns; every vector is checked against it. */
  readonly dimensions: number;
  /** Also send `dimensions` in the request, for models that can shorten vectors. */
  readonly sendDimensions?: boolean;
  /** Texts per request; 64 unless set. */
  readonly batchSize?: number;
  /** Limit of one attempt, body included; 30000 unless set. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt; 4 unless set. */
  readonly maxRetries?: number;
  readonly headers?: Record<string, string>;
  readonly fetch?: typeof fetch;
  /** Waits between attempts; injectable so tests record waits instead of sleeping. */
  readonly sleep?: (milliseconds: number, abortSignal?: AbortSignal) => Promise<void>;
  /** Source of backoff jitter in [0, 1); `Math.random` unless set. */
  readonly random?: () => number;
}

/**
 * Creates an embedding model (`openai-compatible:<model>`) for an OpenAI-compatible server.
 * Empty strings are not sent (servers reject them): each gets the fixed unit vector along
 * the first dimension. Throws INVALID_CONFIG for bad options.
 */
export function createOpenAICompatibleEmbedder(
  options: OpenAICompatibleEmbedderOptions,
): EmbeddingModel {
  const model = textOption('embedding model', options.model);
  const dimensions = integerOption('embedding dimensions', options.dimensions, 1, 65_536);
  const batchSize = integerOption('embedding batchSize', options.batchSize ?? 64, 1, 2048);
  const maxRetries = integerOption('embedding maxRetries', options.maxRetries ?? 4, 0, 20);
  const endpoint: EmbeddingsEndpoint = {
    url: `${checkedBaseUrl(options.baseUrl)}/embeddings`,
    model,
    apiKey: options.apiKey || undefined,
    dimensions: options.sendDimensions ? dimensions : undefined,
    headers: options.headers ?? {},
    timeoutMs: integerOption('embedding timeoutMs', options.timeoutMs ?? 30_000, 1, 600_000),
    fetch: options.fetch ?? globalThis.fetch,
  };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;

  async function embedWithRetries(
    texts: readonly string[],
    abortSignal: AbortSignal | undefined,
  ): Promise<Float32Array[]> {
    for (let retry = 0; ; retry += 1) {
      const outcome = await requestEmbeddings(endpoint, texts, abortSignal);
      if (outcome.ok) return outcome.vectors;
      if (retry >= maxRetries) {
        const { failure } = outcome;
        throw new ArchonError(
          failure.code,
          `${failure.message} (gave up after ${retry + 1} attempts)`,
          {
            details: { ...failure.details, attempts: retry + 1 },
          },
        );
      }
      const wait = outcome.retryAfterMs ?? backoffDelay(retry, random);
      await sleep(wait, abortSignal);
      throwIfCancelled(abortSignal);
    }
  }

  return {
    id: `openai-compatible:${model}`,
    dimensions,
    maxBatchSize: batchSize,
    async doEmbed(texts: readonly string[], embedOptions: EmbedOptions = {}) {
      const { abortSignal } = embedOptions;
      throwIfCancelled(abortSignal);
      if (texts.length > batchSize) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `openai-compatible:${model} embeds at most ${batchSize} texts per call, got ${texts.length}`,
        );
      }
      const sent = texts.filter((text) => text !== '');
      const received = sent.length === 0 ? [] : await embedWithRetries(sent, abortSignal);
      let next = 0;
      return texts.map((text) =>
        text === '' ? emptyTextVector(dimensions) : (received[next++] as Float32Array),
      );
    },
  };
}

function checkedBaseUrl(baseUrl: unknown): string {
  const text = textOption('embedding baseUrl', baseUrl).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ArchonError(ErrorCode.InvalidConfig, `embedding baseUrl is not a URL: '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `embedding baseUrl must be http or https: '${text}'`,
    );
  }
  return text.replace(/\/+$/, '');
}

function emptyTextVector(dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[0] = 1;
  return vector;
}

function throwIfCancelled(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted) throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled');
}
