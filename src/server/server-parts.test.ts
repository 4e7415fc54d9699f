import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { JobRecord } from '../core/job-types.js';
import { publicJobError } from './jobs/job-context.js';
import { jobView } from './jobs/job-view.js';
import { presentedApiKey } from './middleware/authentication.js';
import { requestFingerprint } from './middleware/idempotency.js';
import { resumePoint } from './routes/run-events-route.js';
import { validationHook } from './validation-errors.js';

describe('small server parts', () => {
  it('reads the API key from Authorization: Bearer or X-API-Key', () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    expect(presentedApiKey(headers({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(presentedApiKey(headers({ authorization: 'bearer   abc  ' }))).toBe('abc');
    expect(
      presentedApiKey(headers({ authorization: 'Basic abc', 'x-api-key': 'other' })),
    ).toBeNull();
    expect(presentedApiKey(headers({ 'x-api-key': ' key ' }))).toBe('key');
    expect(presentedApiKey(headers({ 'x-api-key': ' ' }))).toBeNull();
    expect(presentedApiKey(headers({}))).toBeNull();
  });

  it('fingerprints JSON bodies by value and other bodies by text', () => {
    const a = requestFingerprint('POST', '/v1/runs', '{"a":1,"b":[1,2]}');
    expect(requestFingerprint('POST', '/v1/runs', ' { "b": [1, 2], "a": 1 } ')).toBe(a);
    expect(requestFingerprint('POST', '/v1/runs', '{"a":1,"b":[2,1]}')).not.toBe(a);
    expect(requestFingerprint('POST', '/v1/other', '{"a":1,"b":[1,2]}')).not.toBe(a);
    expect(requestFingerprint('POST', '/v1/runs', 'not json')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resumes event streams after a sequence number', () => {
    expect(resumePoint(undefined, undefined)).toBe(0);
    expect(resumePoint(' ', undefined)).toBe(0);
    expect(resumePoint('12', '3')).toBe(12);
    expect(resumePoint(undefined, '3')).toBe(3);
    for (const bad of ['-1', '1.5', 'x', '9'.repeat(16)]) {
      expect(() => resumePoint(bad, undefined)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
  });

  it('turns zod failures into one INVALID_INPUT line', () => {
    const schema = z.object({ query: z.string().min(1), limit: z.number().int() });
    const parsed = schema.safeParse({ query: '', limit: 'x' });
    if (parsed.success) throw new Error('expected a failure');
    expect(() => validationHook({ target: 'json', success: false, error: parsed.error })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^invalid request body: query: .+; limit: /),
      }),
    );
    const root = z.string().safeParse(3);
    if (root.success) throw new Error('expected a failure');
    expect(() => validationHook({ target: 'cookie', success: false, error: root.error })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /^invalid cookie: Invalid input: expected string, received number$/,
        ),
      }),
    );
    expect(validationHook({ target: 'json', success: true })).toBeUndefined();
  });

  it('shows run jobs without their bookkeeping', () => {
    const base: JobRecord = {
      id: 'j',
      kind: 'run',
      state: 'queued',
      input: {
        request: { kind: 'ask', question: 'q' },
        principal: 'key:1',
        idempotency: { key: 'k', fingerprint: 'f' },
      },
      progress: null,
      result: null,
      error: null,
      createdAt: 'c',
      updatedAt: 'u',
    };
    expect(jobView(base).input).toEqual({ kind: 'ask', question: 'q' });
    expect(jobView({ ...base, input: null }).input).toBeNull();
    const ingest = { ...base, kind: 'ingest', input: { targets: ['/x'] } };
    expect(jobView(ingest)).toBe(ingest);
  });

  it('stores only safe job errors', () => {
    expect(
      publicJobError(new ArchonError(ErrorCode.PathNotFound, 'path not found: /x\nmore')),
    ).toBe('path not found: /x');
    expect(
      publicJobError(new ArchonError(ErrorCode.StorageError, 'SQLITE_CORRUPT at page 7')),
    ).toBe('internal error; the server log has the details');
    expect(publicJobError(new Error('raw'))).toBe('internal error; the server log has the details');
  });
});
