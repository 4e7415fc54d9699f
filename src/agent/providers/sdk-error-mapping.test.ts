import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { fromSdkError, type SdkErrorContext } from './sdk-error-mapping.js';

const secret = 'sk-secret-abc';
const context: SdkErrorContext = { model: 'openai:gpt-4o', secrets: [secret], now: () => 0 };

function apiError(fields: Partial<ConstructorParameters<typeof APICallError>[0]>): APICallError {
  return new APICallError({ message: 'boom', url: 'http://x', requestBodyValues: {}, ...fields });
}

describe('fromSdkError', () => {
  it('turns anything into CANCELLED once the caller aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const error = fromSdkError(apiError({ statusCode: 500 }), {
      ...context,
      abortSignal: controller.signal,
    });
    expect(error.code).toBe(ErrorCode.Cancelled);
  });

  it('keeps ArchonErrors as they are', () => {
    const original = new ArchonError(ErrorCode.Internal, 'x');
    expect(fromSdkError(original, context)).toBe(original);
  });

  it('maps retryable statuses with their Retry-After', () => {
    const error = fromSdkError(
      apiError({ statusCode: 429, message: 'Rate limit', responseHeaders: { 'retry-after': '2' } }),
      context,
    );
    expect(error.toJSON()).toEqual({
      code: 'PROVIDER_ERROR',
      message: 'openai:gpt-4o answered HTTP 429: Rate limit',
      details: { model: 'openai:gpt-4o', retryable: true, status: 429, retryAfterMs: 2000 },
    });
  });

  it('maps other 4xx as final and redacts the key', () => {
    const error = fromSdkError(
      apiError({ statusCode: 401, message: `Incorrect API key provided: ${secret}` }),
      context,
    );
    expect(error.details).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toBe(
      'openai:gpt-4o answered HTTP 401: Incorrect API key provided: [redacted]',
    );
    expect(error.cause).toBeUndefined();
  });

  it('maps an unreadable 200 as final', () => {
    const error = fromSdkError(
      apiError({ statusCode: 200, message: 'Invalid JSON response' }),
      context,
    );
    expect(error.message).toBe(
      'openai:gpt-4o sent a response that could not be read: Invalid JSON response',
    );
    expect(error.details.retryable).toBe(false);
  });

  it('maps network errors by the SDK flag', () => {
    const reachable = fromSdkError(
      apiError({ message: 'Cannot connect to API: ECONNREFUSED', isRetryable: true }),
      context,
    );
    expect(reachable.message).toBe(
      'openai:gpt-4o could not be reached: Cannot connect to API: ECONNREFUSED',
    );
    expect(reachable.details.retryable).toBe(true);
    expect(fromSdkError(apiError({ isRetryable: false }), context).details.retryable).toBe(false);
  });

  it('retries a connection lost mid-response', () => {
    expect(fromSdkError(new TypeError('terminated'), context).details).toMatchObject({
      retryable: true,
    });
    const reset = new Error('socket hang up', { cause: { code: 'ECONNRESET' } });
    const error = fromSdkError(reset, context);
    expect(error.message).toBe('openai:gpt-4o connection was lost: socket hang up');
    expect(error.details.retryable).toBe(true);
  });

  it('maps anything else as final, describing plain objects and values', () => {
    expect(fromSdkError(new Error(`bad ${secret}`), context).message).toBe(
      'openai:gpt-4o failed: bad [redacted]',
    );
    expect(fromSdkError({ message: 'server_error chunk' }, context).message).toBe(
      'openai:gpt-4o failed: server_error chunk',
    );
    expect(fromSdkError({ code: 7 }, context).message).toBe('openai:gpt-4o failed: {"code":7}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(fromSdkError(circular, context).message).toBe('openai:gpt-4o failed: unknown error');
    expect(fromSdkError('text', context).message).toBe('openai:gpt-4o failed: text');
    expect(fromSdkError(new TypeError('x is not a function'), context).details.retryable).toBe(
      false,
    );
  });
});
