import { describe, expect, it } from 'vitest';

import { abortableSleep } from './abortable-sleep.js';

describe('abortableSleep', () => {
  it('resolves after the wait', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });

  it('rejects with CANCELLED when aborted, before or during the wait', async () => {
    const before = new AbortController();
    before.abort();
    await expect(abortableSleep(60_000, before.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    const during = new AbortController();
    const pending = abortableSleep(60_000, during.signal);
    during.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
