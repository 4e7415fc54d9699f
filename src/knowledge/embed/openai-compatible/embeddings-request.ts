/**
 * One attempt at `POST /embeddings`: sends the texts, waits at most the timeout, and
 * sorts the outcome into vectors, a failure worth retrying (with the server's wait hint)
 * or a failure that is final. The retry loop lives in the embedder; this file only knows
 * HTTP and never lets the API key into a message.
 */
import { ArchonError, ErrorCode } from '../../../core/errors.js';
import { parseEmbeddingsResponse } from './embeddings-response.js';
import { providerMessage, redact } from './provider-message.js';
import { isRetryableStatus, retryAfterDelay } from './retry-timing.js';

/** What one attempt needs, resolved and validated by the embedder. */
export interface EmbeddingsEndpoint {
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly dimensions: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/** Vectors, or a retryable failure with the wait the server asked for (if any). */
export type AttemptOutcome =
  | { readonly ok: true; readonly vectors: Float32Array[] }
  | {
      readonly ok: false;
      readonly failure: ArchonError;
      readonly retryAfterMs: number | undefined;
    };

/** Runs one attempt; throws CANCELLED on caller abort and final failures as ArchonErrors. */
export async function requestEmbeddings(
  endpoint: EmbeddingsEndpoint,
  texts: readonly string[],
  callerSignal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const source = `embeddings server ${endpoint.url} (model ${endpoint.model})`;
  const timeoutSignal = AbortSignal.timeout(endpoint.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  let response: Response;
  let body: string;
  try {
    response = await endpoint.fetch(endpoint.url, {
      method: 'POST',
      headers: requestHeaders(endpoint),
      body: JSON.stringify({
        model: endpoint.model,
        input: texts,
        encoding_format: 'float',
        ...(endpoint.dimensions === undefined ? {} : { dimensions: endpoint.dimensions }),
      }),
      signal,
    });
    body = await response.text();
  } catch (error) {
    if (callerSignal?.aborted) {
      throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled');
    }
    const message = timeoutSignal.aborted
      ? `${source} did not answer within ${endpoint.timeoutMs} ms`
      : `${source} could not be reached: ${describeNetworkError(error)}`;
    const code = timeoutSignal.aborted ? ErrorCode.Timeout : ErrorCode.ProviderError;
    const failure = new ArchonError(code, redact(message, [endpoint.apiKey]));
    return { ok: false, failure, retryAfterMs: undefined };
  }

  if (response.ok) {
    return { ok: true, vectors: parseEmbeddingsResponse(body, texts.length, source) };
  }
  const message = `${source} answered HTTP ${response.status}: ${providerMessage(body)}`;
  const failure = new ArchonError(ErrorCode.ProviderError, redact(message, [endpoint.apiKey]), {
    details: { status: response.status },
  });
  if (!isRetryableStatus(response.status)) throw failure;
  return { ok: false, failure, retryAfterMs: retryAfterDelay(response.headers, Date.now()) };
}

/** Lowercased names, so a caller's `Authorization` cannot duplicate ours. */
function requestHeaders(endpoint: EmbeddingsEndpoint): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  for (const [name, value] of Object.entries(endpoint.headers)) headers[name.toLowerCase()] = value;
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  return headers;
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, ...) is the cause. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string'
      ? `${error.message} (${code})`
      : `${error.message} (${cause.message})`;
  }
  return error.message;
}
