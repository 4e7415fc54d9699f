/**
 * The errors a model call ends with, in one shape for every provider: PROVIDER_ERROR
 * with `details.retryable` (and the server's wait hint) so the resilience layer can
 * decide without knowing any vendor type, CANCELLED for the caller's abort. Messages
 * are one short line and never carry a secret.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

const maxMessageLength = 300;

/** What a failed model call tells the resilience layer and the user. */
export interface ModelFailureDetails {
  /** `openai:gpt-4o`, as the model was named. */
  readonly model: string;
  /** Worth another attempt: 408, 409, 425, 429, 5xx, network errors and timeouts. */
  readonly retryable: boolean;
  readonly status?: number;
  /** The wait the server asked for, already capped. */
  readonly retryAfterMs?: number;
  readonly timedOut?: boolean;
  readonly circuitOpen?: boolean;
  /** Attempts made, set once the resilience layer gives up. */
  readonly attempts?: number;
}

/** A PROVIDER_ERROR whose details say whether another attempt may help. */
export function modelFailure(
  message: string,
  details: ModelFailureDetails,
  cause?: unknown,
): ArchonError {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) if (value !== undefined) clean[key] = value;
  return new ArchonError(ErrorCode.ProviderError, oneLine(message), { details: clean, cause });
}

/** CANCELLED: the caller aborted; never retried. */
export function cancelledError(model: string): ArchonError {
  return new ArchonError(ErrorCode.Cancelled, `request to ${model} was cancelled`, {
    details: { model },
  });
}

/** True for a PROVIDER_ERROR that {@link modelFailure} marked retryable. */
export function isRetryableModelFailure(error: unknown): error is ArchonError {
  return (
    ArchonError.isInstance(error) &&
    error.code === ErrorCode.ProviderError &&
    error.details.retryable === true
  );
}

/** The server's capped wait hint carried by a model failure, if any. */
export function retryAfterOf(error: ArchonError): number | undefined {
  const value = error.details.retryAfterMs;
  return typeof value === 'number' ? value : undefined;
}

/** `text` with each secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) if (secret) safe = safe.split(secret).join('[redacted]');
  return safe;
}

/** Whitespace collapsed to single spaces, cut to a few hundred characters. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return 'no message';
  return line.length > maxMessageLength ? `${line.slice(0, maxMessageLength)}...` : line;
}
