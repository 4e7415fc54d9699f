import { describe, expect, it } from 'vitest';

import { ArchonError } from '../core/errors.js';
import { createApiKeyCheck, presentedKey } from './api-key-check.js';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('presentedKey', () => {
  it('reads a Bearer token or X-API-Key', () => {
    expect(presentedKey(headers({ authorization: 'Bearer ak_123' }))).toBe('ak_123');
    expect(presentedKey(headers({ authorization: 'bearer  ak_123 ' }))).toBe('ak_123');
    expect(presentedKey(headers({ 'x-api-key': ' ak_456 ' }))).toBe('ak_456');
  });

  it('finds none in other schemes, blank values or no header', () => {
    expect(presentedKey(headers({ authorization: 'Basic dXNlcjpwYXNz' }))).toBeUndefined();
    expect(presentedKey(headers({ authorization: 'Bearer a b' }))).toBeUndefined();
    expect(presentedKey(headers({ 'x-api-key': '  ' }))).toBeUndefined();
    expect(presentedKey(headers({}))).toBeUndefined();
  });
});

describe('createApiKeyCheck', () => {
  const verifyKey = async (key: string) => key === 'good';

  it('passes everything when no key is required', async () => {
    const check = createApiKeyCheck({ requireAuth: false, verifyKey });
    expect(await check(headers({}))).toBeNull();
  });

  it('requires a valid key when asked to', async () => {
    const check = createApiKeyCheck({ requireAuth: true, verifyKey });
    expect(await check(headers({ authorization: 'Bearer good' }))).toBeNull();
    expect(await check(headers({}))).toEqual({
      reason: 'an API key is required (Authorization: Bearer <key>)',
    });
    expect(await check(headers({ 'x-api-key': 'bad' }))).toEqual({
      reason: 'the API key is not valid',
    });
  });

  it('refuses to be built without a way to verify keys', () => {
    expect(() => createApiKeyCheck({ requireAuth: true })).toThrow(ArchonError);
    expect(() => createApiKeyCheck({ requireAuth: true })).toThrow(/requireAuth needs verifyKey/);
  });
});
