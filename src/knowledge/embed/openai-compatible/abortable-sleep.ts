/**
 * The default wait between retries: a timer that a caller's abort signal cuts short, so
 * cancelling never hangs behind a long `Retry-After`.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { ArchonError, ErrorCode } from '../../../core/errors.js';

/** Waits `milliseconds`; rejects with CANCELLED as soon as `abortSignal` aborts. */
export async function abortableSleep(
  milliseconds: number,
  abortSignal?: AbortSignal,
): Promise<void> {
  try {
    await delay(milliseconds, undefined, abortSignal ? { signal: abortSignal } : undefined);
  } catch (error) {
    throw new ArchonError(ErrorCode.Cancelled, 'embedding was cancelled', { cause: error });
  }
}
