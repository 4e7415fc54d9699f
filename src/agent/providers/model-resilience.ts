/**
 * The one layer where model calls are retried. Each attempt gets its own timeout and
 * passes through the provider's circuit breaker; a retryable failure (408, 409, 425,
 * 429, 5xx, network error, timeout) waits the server's `Retry-After` (capped) or a
 * capped exponential backoff with full jitter, then tries again. The caller's abort
 * ends everything at once as CANCELLED and is never retried. Sleeping, jitter and the
 * clock are injectable so tests check attempts and requested waits, not wall time.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type {
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
} from '../language-model.js';
import { abortableSleep } from './abortable-sleep.js';
import { type CircuitBreakerRegistry, sharedCircuitBreakers } from './circuit-breaker.js';
import {
  cancelledError,
  isRetryableModelFailure,
  modelFailure,
  retryAfterOf,
} from './provider-errors.js';
import { resilienceSettings } from './resilience-settings.js';
import { backoffDelay } from './retry-timing.js';

/** Told before each wait between attempts. */
export interface ModelRetryEvent {
  /** `openai:gpt-4o`. */
  readonly model: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** The wait requested before the next attempt. */
  readonly delayMs: number;
  readonly error: ArchonError;
}

/** How model calls are retried, timed out and broken off. Every field has a default. */
export interface ResilienceOptions {
  /** Retries after the first attempt; 4 unless set (0 to 10). */
  readonly maxRetries?: number;
  /** Limit of one attempt in milliseconds; 300000 unless set. */
  readonly timeoutMs?: number;
  /** Backoff ceiling of the first retry; 1000 unless set. The ceiling doubles per retry. */
  readonly backoffBaseMs?: number;
  /** Largest backoff ceiling; 30000 unless set. */
  readonly backoffCapMs?: number;
  /** Longest `Retry-After` honoured; longer hints wait this long. 60000 unless set. */
  readonly maxRetryAfterMs?: number;
  /** Breakers by provider endpoint; a process-wide registry unless set; `false` for none. */
  readonly circuitBreakers?: CircuitBreakerRegistry | false;
  /** Which breaker to use; the model's provider name unless set. */
  readonly circuitBreakerKey?: string;
  /** Waits between attempts; must reject when `abortSignal` aborts. */
  readonly sleep?: (milliseconds: number, abortSignal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); `Math.random` unless set. */
  readonly random?: () => number;
  readonly onRetry?: (event: ModelRetryEvent) => void;
}

/** `model` with retries, per-attempt timeouts and its provider's circuit breaker. */
export function withModelResilience(
  model: LanguageModel,
  options: ResilienceOptions = {},
): LanguageModel {
  const settings = resilienceSettings(options);
  const name = `${model.provider}:${model.modelId}`;
  const registry = options.circuitBreakers ?? sharedCircuitBreakers;
  const breaker =
    registry === false
      ? undefined
      : registry.breakerFor(options.circuitBreakerKey ?? model.provider);
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;

  async function attempt(
    request: ModelRequest,
    callerSignal: AbortSignal | undefined,
  ): Promise<ModelResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
    const forwardAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      return await model.doGenerate(request, { abortSignal: controller.signal });
    } catch (error) {
      if (callerSignal?.aborted) throw cancelledError(name);
      if (timedOut) {
        throw modelFailure(`${name} did not answer within ${settings.timeoutMs} ms`, {
          model: name,
          retryable: true,
          timedOut: true,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    }
  }

  async function generate(
    request: ModelRequest,
    callOptions?: ModelCallOptions,
  ): Promise<ModelResponse> {
    const callerSignal = callOptions?.abortSignal;
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      if (callerSignal?.aborted) throw cancelledError(name);
      try {
        return await (breaker
          ? breaker.execute(() => attempt(request, callerSignal), name)
          : attempt(request, callerSignal));
      } catch (error) {
        if (!isRetryableModelFailure(error)) throw withAttempts(error, attemptNumber);
        if (attemptNumber > settings.maxRetries) {
          throw withAttempts(error, attemptNumber, ` (gave up after ${attemptNumber} attempts)`);
        }
        const hint = retryAfterOf(error);
        const delayMs =
          hint === undefined
            ? backoffDelay(attemptNumber - 1, settings.backoffBaseMs, settings.backoffCapMs, random)
            : Math.min(hint, settings.maxRetryAfterMs);
        options.onRetry?.({ model: name, attempt: attemptNumber, delayMs, error });
        try {
          await sleep(delayMs, callerSignal);
        } catch (sleepError) {
          if (callerSignal?.aborted) throw cancelledError(name);
          throw sleepError;
        }
      }
    }
  }

  return {
    provider: model.provider,
    modelId: model.modelId,
    ...(model.contextWindow === undefined ? {} : { contextWindow: model.contextWindow }),
    doGenerate: generate,
  };
}

/** A final PROVIDER_ERROR with the attempt count, no longer marked retryable. */
function withAttempts(error: unknown, attempts: number, suffix = ''): unknown {
  if (!ArchonError.isInstance(error) || error.code !== ErrorCode.ProviderError) return error;
  return new ArchonError(error.code, `${error.message}${suffix}`, {
    details: { ...error.details, retryable: false, attempts },
    cause: error.cause,
  });
}
