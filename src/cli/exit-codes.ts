/**
 * Exit codes of `archon`: 0 success, 1 failure, 2 bad usage. One place maps error
 * codes to them and renders the one-line message.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';

export const ExitCode = { Success: 0, Failure: 1, Usage: 2 } as const;

const usageCodes: ReadonlySet<string> = new Set([ErrorCode.InvalidInput]);

/** Exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  return ArchonError.isInstance(error) && usageCodes.has(error.code)
    ? ExitCode.Usage
    : ExitCode.Failure;
}

/** The one line shown to the user: never a stack trace. */
export function errorLine(error: unknown): string {
  if (ArchonError.isInstance(error)) return `archon: ${error.message} [${error.code}]`;
  const message = error instanceof Error ? error.message : String(error);
  return `archon: unexpected error: ${message.split('\n')[0]} [${ErrorCode.Internal}]`;
}
