import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { errorMessage, ModelRetry } from './tool-errors.js';

describe('ModelRetry', () => {
  it('is an ArchonError with a stable name, told apart from other errors', () => {
    const retry = new ModelRetry('use an absolute path');
    expect(retry).toBeInstanceOf(ArchonError);
    expect(retry.code).toBe(ErrorCode.InvalidInput);
    expect(retry.name).toBe('ModelRetry');
    expect(ModelRetry.isRetry(retry)).toBe(true);
    expect(ModelRetry.isRetry(new ArchonError(ErrorCode.InvalidInput, 'x'))).toBe(false);
    expect(ModelRetry.isRetry(null)).toBe(false);
  });
});

describe('errorMessage', () => {
  it('gives the message of anything thrown, never a stack', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(new TypeError(''))).toBe('TypeError');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage({ code: 1 })).toBe('{"code":1}');
    expect(errorMessage(undefined)).toBe('undefined');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorMessage(circular)).toBe('[object Object]');
  });
});
