import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { genericErrorMessage, httpStatusByErrorCode, toHttpError } from './http-error-mapping.js';

describe('toHttpError', () => {
  it('gives every error code a status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(httpStatusByErrorCode[code]).toBeGreaterThanOrEqual(400);
    }
    expect(httpStatusByErrorCode).toMatchObject({
      INVALID_INPUT: 400,
      NOT_FOUND: 404,
      SOURCE_NOT_FOUND: 404,
      DOCUMENT_NOT_FOUND: 404,
      PATH_NOT_FOUND: 404,
      CONFLICT: 409,
      EMBEDDING_MISMATCH: 409,
      FETCH_FAILED: 502,
      PROVIDER_ERROR: 502,
      INVALID_CONFIG: 500,
      UNAUTHORIZED: 401,
      RATE_LIMITED: 429,
      PAYLOAD_TOO_LARGE: 413,
      UNAVAILABLE: 503,
      IDEMPOTENCY_KEY_REUSED: 422,
      TIMEOUT: 504,
    });
  });

  it('keeps the first line of a deliberate error and marks client errors as such', () => {
    const mapped = toHttpError(
      new ArchonError(ErrorCode.SourceNotFound, "no source named 'x'\nsecond line"),
    );
    expect(mapped).toEqual({
      status: 404,
      body: { error: { code: 'SOURCE_NOT_FOUND', message: "no source named 'x'" } },
      headers: {},
      serverFault: false,
    });
  });

  it('hides the message of server faults and of anything that is not an ArchonError', () => {
    for (const error of [
      new ArchonError(ErrorCode.Internal, 'secret internals at /srv/x'),
      new ArchonError(ErrorCode.StorageError, 'storage failure: SQLITE_CORRUPT'),
      new TypeError('cannot read property x of undefined'),
      'a string',
      null,
    ]) {
      const mapped = toHttpError(error);
      expect(mapped.status).toBe(500);
      expect(mapped.body.error.message).toBe(genericErrorMessage);
      expect(mapped.serverFault).toBe(true);
    }
    expect(toHttpError(new TypeError('x')).body.error.code).toBe('INTERNAL');
  });

  it('shows the message of a configuration error, the operator can act on it', () => {
    const mapped = toHttpError(new ArchonError(ErrorCode.InvalidConfig, 'set ARCHON_MODEL'));
    expect(mapped).toMatchObject({ status: 500, serverFault: true });
    expect(mapped.body.error.message).toBe('set ARCHON_MODEL');
  });

  it('turns a busy database into 503 with Retry-After', () => {
    const busy = new ArchonError(ErrorCode.StorageError, 'the database is locked', {
      details: { sqliteCode: 'SQLITE_BUSY' },
    });
    expect(toHttpError(busy)).toMatchObject({
      status: 503,
      body: { error: { code: 'UNAVAILABLE' } },
      headers: { 'retry-after': '1' },
    });
  });

  it('adds Retry-After, WWW-Authenticate and Connection: close where they belong', () => {
    expect(
      toHttpError(
        new ArchonError(ErrorCode.RateLimited, 'slow down', {
          details: { retryAfterSeconds: 0.2 },
        }),
      ).headers,
    ).toEqual({ 'retry-after': '1' });
    expect(
      toHttpError(
        new ArchonError(ErrorCode.RateLimited, 'slow down', {
          details: { retryAfterSeconds: 7.5 },
        }),
      ).headers,
    ).toEqual({ 'retry-after': '8' });
    expect(toHttpError(new ArchonError(ErrorCode.Unauthorized, 'key')).headers).toEqual({
      'www-authenticate': 'Bearer realm="archon"',
    });
    expect(toHttpError(new ArchonError(ErrorCode.Unavailable, 'closing')).headers).toEqual({
      connection: 'close',
    });
  });

  it("maps Hono's own exceptions by status", () => {
    const cases: [number, string, number][] = [
      [400, 'INVALID_INPUT', 400],
      [401, 'UNAUTHORIZED', 401],
      [404, 'NOT_FOUND', 404],
      [413, 'PAYLOAD_TOO_LARGE', 413],
      [415, 'UNSUPPORTED_CONTENT', 415],
      [408, 'TIMEOUT', 504],
      [504, 'TIMEOUT', 504],
      [418, 'INVALID_INPUT', 400],
      [502, 'INTERNAL', 500],
    ];
    for (const [status, code, mappedStatus] of cases) {
      const mapped = toHttpError(
        new HTTPException(status as 400, { message: status === 418 ? '' : 'Malformed JSON' }),
      );
      expect({ status, code: mapped.body.error.code, mappedStatus: mapped.status }).toEqual({
        status,
        code,
        mappedStatus,
      });
    }
    expect(toHttpError(new HTTPException(418)).body.error.message).toBe('bad request');
  });

  it('never answers with an empty message', () => {
    expect(toHttpError(new ArchonError(ErrorCode.InvalidInput, '\n')).body.error.message).toBe(
      'request failed',
    );
  });
});
