/**
 * The one error type of Archon Engineer. Every failure the core reports carries a
 * stable string `code`; the CLI maps codes to exit codes, the HTTP layer to statuses
 * and the MCP layer to tool errors, each in one place.
 */

/** Stable error codes. Never rename one: clients match on them. */
export const ErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  InvalidConfig: 'INVALID_CONFIG',
  NotFound: 'NOT_FOUND',
  SourceNotFound: 'SOURCE_NOT_FOUND',
  DocumentNotFound: 'DOCUMENT_NOT_FOUND',
  PathNotFound: 'PATH_NOT_FOUND',
  FetchFailed: 'FETCH_FAILED',
  /** The server refused to fetch a URL: a non-http(s) scheme, or an address on a private or special network. */
  UrlNotAllowed: 'URL_NOT_ALLOWED',
  UnsupportedContent: 'UNSUPPORTED_CONTENT',
  EmbeddingMismatch: 'EMBEDDING_MISMATCH',
  InvalidEmbedding: 'INVALID_EMBEDDING',
  ProviderError: 'PROVIDER_ERROR',
  StorageError: 'STORAGE_ERROR',
  Conflict: 'CONFLICT',
  Cancelled: 'CANCELLED',
  Timeout: 'TIMEOUT',
  QualityBelowFloor: 'QUALITY_BELOW_FLOOR',
  Internal: 'INTERNAL',
  /** A path given to the agent's file tools leaves the workspace or touches a read-only area. */
  WorkspaceViolation: 'WORKSPACE_VIOLATION',
  /** The command policy refused a command before it ran. */
  CommandDenied: 'COMMAND_DENIED',
  /** A request without a valid API key where one is required. */
  Unauthorized: 'UNAUTHORIZED',
  /** A client went over its request rate or its concurrent-run cap. */
  RateLimited: 'RATE_LIMITED',
  /** A request body larger than the server accepts. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The service cannot take the request now (shutting down, a required check failing). */
  Unavailable: 'UNAVAILABLE',
  /** An Idempotency-Key reused with a different request body. */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const marker = Symbol.for('archon.error');

/** Options of an {@link ArchonError}: typed context and the underlying cause. */
export interface ArchonErrorOptions {
  readonly details?: Record<string, unknown>;
  readonly cause?: unknown;
}

/** Base class of every error the core throws on purpose. */
export class ArchonError extends Error {
  readonly [marker] = true;
  override readonly name: string = 'ArchonError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: ArchonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** True for any ArchonError, also across duplicated module instances. */
  static isInstance(value: unknown): value is ArchonError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  /** A JSON shape safe to show a user or a client: no stack, no cause. */
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Wraps anything thrown into an ArchonError, keeping ArchonErrors as they are. */
export function toArchonError(
  error: unknown,
  fallbackCode: ErrorCode = ErrorCode.Internal,
): ArchonError {
  if (ArchonError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ArchonError(fallbackCode, message, { cause: error });
}
