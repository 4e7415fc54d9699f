/**
 * The default wait between model attempts: a timer the caller's abort cuts short, so a
 * cancelled run never hangs behind a long `Retry-After`.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Waits `milliseconds`; rejects with CANCELLED as soon as `abortSignal` aborts. */
export async function abortableSleep(
  milliseconds: number,
  abortSignal?: AbortSignal,
): Promise<void> {
  try {
    await delay(milliseconds, undefined, abortSignal ? { signal: abortSignal } : undefined);
  } catch (error) {
    throw new ArchonError(
      ErrorCode.Cancelled,
      'the wait before the next model attempt was cancelled',
      {
        cause: error,
      },
    );
  }
}
