import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../core/errors.js';
import { abortableSleep } from './abortable-sleep.js';

describe('abortableSleep', () => {
  it('resolves after a short wait, with or without a signal', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it(
    'rejects with CANCELLED when the signal fires during a long wait',
    { timeout: 5_000 },
    async () => {
      const controller = new AbortController();
      const pending = abortableSleep(60_000, controller.signal);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    },
  );

  it('rejects at once for a signal that already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(abortableSleep(60_000, controller.signal)).rejects.toMatchObject({
      code: ErrorCode.Cancelled,
    });
  });
});
