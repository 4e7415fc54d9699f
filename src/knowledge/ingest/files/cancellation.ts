/**
 * One way to stop a load: an aborted signal ends the iteration with a CANCELLED
 * ArchonError at the next file, so callers tell cancellation from failure by its code.
 */
import { ArchonError, ErrorCode } from '../../../core/errors.js';

/** Throws ArchonError CANCELLED when `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new ArchonError(ErrorCode.Cancelled, 'Loading files was cancelled');
  }
}
