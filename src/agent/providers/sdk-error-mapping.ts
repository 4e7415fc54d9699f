/**
 * Sorts whatever an AI SDK provider threw into our model failures: an HTTP answer
 * (retryable by status, with its `Retry-After`), a network error (retryable), an
 * unreadable response or anything else (final), or the caller's abort (CANCELLED).
 * The only file that knows the AI SDK's error classes.
 */
import { APICallError } from '@ai-sdk/provider';

import { ArchonError } from '../../core/errors.js';
import { cancelledError, modelFailure, redact } from './provider-errors.js';
import { isRetryableStatus, retryAfterDelay } from './retry-timing.js';

/** Sanity bound on a server's wait hint; the resilience layer applies its own, shorter cap. */
const maxHintMs = 86_400_000;

/** What the mapping needs to know about the call that failed. */
export interface SdkErrorContext {
  /** `openai:gpt-4o`. */
  readonly model: string;
  /** Keys to keep out of every message. */
  readonly secrets: readonly (string | undefined)[];
  readonly abortSignal?: AbortSignal;
  readonly now: () => number;
}

/** The ArchonError for `error` thrown by a provider call. */
export function fromSdkError(error: unknown, context: SdkErrorContext): ArchonError {
  if (context.abortSignal?.aborted) return cancelledError(context.model);
  if (ArchonError.isInstance(error)) return error;
  const { model } = context;
  const safe = (text: string): string => redact(text, context.secrets);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      return modelFailure(safe(`${model} could not be reached: ${error.message}`), {
        model,
        retryable: error.isRetryable,
      });
    }
    if (status >= 200 && status < 300) {
      return modelFailure(
        safe(`${model} sent a response that could not be read: ${error.message}`),
        {
          model,
          retryable: false,
          status,
        },
      );
    }
    return modelFailure(safe(`${model} answered HTTP ${status}: ${error.message}`), {
      model,
      retryable: isRetryableStatus(status),
      status,
      retryAfterMs: retryAfterDelay(error.responseHeaders, context.now(), maxHintMs),
    });
  }
  if (isConnectionLoss(error)) {
    return modelFailure(safe(`${model} connection was lost: ${describe(error)}`), {
      model,
      retryable: true,
    });
  }
  return modelFailure(safe(`${model} failed: ${describe(error)}`), { model, retryable: false });
}

/** Undici's words for a socket closed mid-response (`terminated`, `other side closed`). */
function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = error.cause as { code?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  return (
    (error instanceof TypeError && /terminated|fetch failed/i.test(error.message)) ||
    /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_SOCKET)$/.test(code)
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(error);
    } catch {
      return 'unknown error';
    }
  }
  return String(error);
}
