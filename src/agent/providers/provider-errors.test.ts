import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import {
  cancelledError,
  isRetryableModelFailure,
  modelFailure,
  oneLine,
  redact,
  retryAfterOf,
} from './provider-errors.js';

describe('model failures', () => {
  it('are PROVIDER_ERRORs whose details leave out unset fields', () => {
    const error = modelFailure('openai:x answered\nHTTP 500', {
      model: 'openai:x',
      retryable: true,
      status: 500,
      retryAfterMs: undefined,
    });
    expect(error.code).toBe(ErrorCode.ProviderError);
    expect(error.message).toBe('openai:x answered HTTP 500');
    expect(error.details).toEqual({ model: 'openai:x', retryable: true, status: 500 });
    expect(isRetryableModelFailure(error)).toBe(true);
    expect(retryAfterOf(error)).toBeUndefined();
  });

  it('carry the wait hint and say when they are final', () => {
    const error = modelFailure('slow down', { model: 'm', retryable: false, retryAfterMs: 1200 });
    expect(retryAfterOf(error)).toBe(1200);
    expect(isRetryableModelFailure(error)).toBe(false);
  });

  it('are told apart from other errors', () => {
    expect(isRetryableModelFailure(new Error('x'))).toBe(false);
    expect(
      isRetryableModelFailure(
        new ArchonError(ErrorCode.Timeout, 'x', { details: { retryable: true } }),
      ),
    ).toBe(false);
    expect(isRetryableModelFailure(cancelledError('m'))).toBe(false);
  });

  it('CANCELLED names the model', () => {
    expect(cancelledError('openai:gpt-4o').toJSON()).toEqual({
      code: 'CANCELLED',
      message: 'request to openai:gpt-4o was cancelled',
      details: { model: 'openai:gpt-4o' },
    });
  });
});

describe('redact and oneLine', () => {
  it('replaces every occurrence of every secret and skips empty ones', () => {
    expect(redact('key sk-1 and sk-1 and tok', ['sk-1', undefined, '', 'tok'])).toBe(
      'key [redacted] and [redacted] and [redacted]',
    );
  });
  it('collapses whitespace, names empty messages and cuts long ones', () => {
    expect(oneLine('  a\n\tb  ')).toBe('a b');
    expect(oneLine(' \n ')).toBe('no message');
    const long = oneLine('x'.repeat(1000));
    expect(long).toHaveLength(303);
    expect(long.endsWith('...')).toBe(true);
  });
});
