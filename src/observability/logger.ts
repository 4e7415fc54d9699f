/**
 * Structured JSON logs (pino, one object per line) with secrets kept out. Two layers
 * of redaction: pino's path redaction for the known places secrets live (headers,
 * `*.apiKey`, `*.password`, ...), and a last pass over every finished line that
 * removes secret-named fields at any depth and anything shaped like a key, so a
 * secret inside a message or an error message is caught too.
 */
import { randomUUID } from 'node:crypto';

import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

import { logLevels } from '../config/settings-schema.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import { redactionCensor, redactJsonLine } from './secret-patterns.js';

/** The logger every layer receives; a pino logger. */
export type Logger = PinoLogger;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** A pino level (`fatal`, `error`, `warn`, `info`, `debug`, `trace`) or `silent`. Default `info`. */
  readonly level?: string;
  /** Where lines go. Default: standard output. */
  readonly destination?: NodeJS.WritableStream | DestinationStream;
  /** Extra pino redaction paths (for example `body.credentials`), added to the defaults. */
  readonly redact?: readonly string[];
  /** Extra secret shapes to remove from every line; each needs the `g` flag. */
  readonly secretPatterns?: readonly RegExp[];
}

const levels = logLevels;

/**
 * Where secrets sit in the objects we log: credential fields at the top and request
 * and response headers. Explicit paths only: pino's wildcard paths cost about 2 µs per
 * line each, and secret-named fields at any depth are already removed from the
 * finished line (see `redactJsonLine`); these paths add the censoring of whole values
 * (objects included) at the places secrets are known to live.
 */
export const defaultRedactPaths: readonly string[] = [
  'authorization',
  'cookie',
  'apiKey',
  'password',
  'token',
  'secret',
  ...['headers', 'req.headers', 'request.headers', 'res.headers', 'response.headers'].flatMap(
    (prefix) => [
      `${prefix}.authorization`,
      `${prefix}["proxy-authorization"]`,
      `${prefix}.cookie`,
      `${prefix}["set-cookie"]`,
      `${prefix}["x-api-key"]`,
    ],
  ),
];

/** Creates the process logger: JSON lines, ISO timestamps, level names, secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(levels as readonly string[]).includes(level)) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `unknown log level '${level}'; use one of ${levels.join(', ')}`,
    );
  }
  for (const pattern of options.secretPatterns ?? []) {
    if (!pattern.global) {
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `secret pattern ${String(pattern)} needs the g flag`,
      );
    }
  }
  const extraPatterns = options.secretPatterns ?? [];
  const destination = (options.destination ?? process.stdout) as DestinationStream;
  try {
    return pino(
      {
        level,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: {
          paths: [...defaultRedactPaths, ...(options.redact ?? [])],
          censor: redactionCensor,
        },
        hooks: { streamWrite: (line) => redactJsonLine(line, extraPatterns) },
      },
      destination,
    );
  } catch (error) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `invalid log redaction path: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** True when `value` can serve as a request ID: 1 to 128 of `A-Z a-z 0-9 . _ : -`. */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && requestIdPattern.test(value);
}

/** A fresh request ID (a random UUID). */
export function createRequestId(): string {
  return randomUUID();
}

/**
 * A child logger that writes `requestId` on every line. Throws INVALID_INPUT for an ID
 * that {@link isValidRequestId} refuses; callers taking an ID from a client header
 * should check it first and fall back to {@link createRequestId}.
 */
export function childWithRequestId(logger: Logger, requestId: string): Logger {
  if (!isValidRequestId(requestId)) {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'request ID must be 1 to 128 characters of letters, digits, dot, underscore, colon or dash',
    );
  }
  return logger.child({ requestId });
}
