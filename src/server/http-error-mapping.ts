/**
 * The one place where errors become HTTP responses. Every ArchonError code has a
 * status (the record is exhaustive, so a new code does not compile until it gets
 * one); the body is always `{ error: { code, message } }`. Faults of the server
 * itself (INTERNAL, STORAGE_ERROR, anything not an ArchonError) answer with a
 * generic message: their text and stack stay in the log.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import { ArchonError, ErrorCode } from '../core/errors.js';

/** The HTTP status of each error code. */
export const httpStatusByErrorCode: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  [ErrorCode.InvalidInput]: 400,
  // The operator's configuration is wrong, not the request: a server fault, with a message that says what to set.
  [ErrorCode.InvalidConfig]: 500,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.SourceNotFound]: 404,
  [ErrorCode.DocumentNotFound]: 404,
  [ErrorCode.PathNotFound]: 404,
  [ErrorCode.FetchFailed]: 502,
  [ErrorCode.UrlNotAllowed]: 403,
  [ErrorCode.UnsupportedContent]: 415,
  [ErrorCode.EmbeddingMismatch]: 409,
  [ErrorCode.InvalidEmbedding]: 502,
  [ErrorCode.ProviderError]: 502,
  [ErrorCode.StorageError]: 500,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Cancelled]: 409,
  [ErrorCode.Timeout]: 504,
  [ErrorCode.QualityBelowFloor]: 422,
  [ErrorCode.Internal]: 500,
  [ErrorCode.WorkspaceViolation]: 403,
  [ErrorCode.CommandDenied]: 403,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.IdempotencyKeyReused]: 422,
};

/** Codes whose message is kept from clients: it may hold internals (SQL, paths, causes). */
const hiddenMessageCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.Internal,
  ErrorCode.StorageError,
]);

/** What a client sees for a fault of the server. */
export const genericErrorMessage =
  'internal error; the server log has the details under this X-Request-Id';

/** The stable JSON body of every error response. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** An error as an HTTP response, and whether it is a fault of the server. */
export interface HttpError {
  readonly status: ContentfulStatusCode;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  readonly serverFault: boolean;
}

/** Maps anything thrown to the response the client gets. */
export function toHttpError(error: unknown): HttpError {
  const archonError = ArchonError.isInstance(error) ? error : fromHttpException(error);
  if (archonError === null) return internalError();
  if (isDatabaseBusy(archonError)) {
    return build(503, ErrorCode.Unavailable, 'the database is busy; try again', {
      'retry-after': '1',
    });
  }
  const status = httpStatusByErrorCode[archonError.code] ?? 500;
  const message = hiddenMessageCodes.has(archonError.code)
    ? genericErrorMessage
    : firstLine(archonError.message);
  return build(status, archonError.code, message, headersFor(archonError));
}

function headersFor(error: ArchonError): Record<string, string> {
  const headers: Record<string, string> = {};
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  }
  if (error.code === ErrorCode.Unauthorized) headers['www-authenticate'] = 'Bearer realm="archon"';
  if (error.code === ErrorCode.Unavailable) headers.connection = 'close';
  return headers;
}

/** Hono's own exceptions (malformed JSON, missing content type, body limit) by their status. */
function fromHttpException(error: unknown): ArchonError | null {
  if (typeof error !== 'object' || error === null || !('getResponse' in error)) return null;
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error && error.message !== '' ? error.message : 'bad request';
  switch (status) {
    case 400:
      return new ArchonError(ErrorCode.InvalidInput, message);
    case 401:
      return new ArchonError(ErrorCode.Unauthorized, message);
    case 404:
      return new ArchonError(ErrorCode.NotFound, message);
    case 413:
      return new ArchonError(ErrorCode.PayloadTooLarge, 'the request body is too large');
    case 415:
      return new ArchonError(ErrorCode.UnsupportedContent, 'send the body as application/json');
    case 408:
    case 504:
      return new ArchonError(ErrorCode.Timeout, 'the request took too long');
    default:
      return typeof status === 'number' && status >= 400 && status < 500
        ? new ArchonError(ErrorCode.InvalidInput, message)
        : null;
  }
}

function isDatabaseBusy(error: ArchonError): boolean {
  return error.code === ErrorCode.StorageError && error.details.sqliteCode === 'SQLITE_BUSY';
}

function internalError(): HttpError {
  return build(500, ErrorCode.Internal, genericErrorMessage, {});
}

function build(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  headers: Record<string, string>,
): HttpError {
  return { status, body: { error: { code, message } }, headers, serverFault: status >= 500 };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line === '' ? 'request failed' : line.slice(0, 1000);
}
