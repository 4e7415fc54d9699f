import type { LookupAddress } from 'node:dns';

import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../core/errors.js';
import { guardedLookup } from './guarded-lookup.js';
import type { ResolveHost } from './url-policy.js';

interface LookupOutcome {
  readonly error: NodeJS.ErrnoException | null;
  readonly address: string | LookupAddress[];
  readonly family?: number;
}

function lookup(resolveHost: ResolveHost, all: boolean): Promise<LookupOutcome> {
  const guarded = guardedLookup({ allowPrivateNetworks: false, resolveHost });
  return new Promise((resolve) => {
    guarded('docs.test', { all }, (error, address, family) =>
      resolve({ error, address, ...(family === undefined ? {} : { family }) }),
    );
  });
}

describe('guardedLookup', () => {
  const publicAnswer: ResolveHost = async () => [
    { address: '2606:4700::1111', family: 6 },
    { address: '93.184.216.34', family: 4 },
  ];

  it('answers in the shape net asks for: all addresses, or the first one', async () => {
    expect(await lookup(publicAnswer, true)).toEqual({
      error: null,
      address: [
        { address: '2606:4700::1111', family: 6 },
        { address: '93.184.216.34', family: 4 },
      ],
    });
    expect(await lookup(publicAnswer, false)).toEqual({
      error: null,
      address: '2606:4700::1111',
      family: 6,
    });
  });

  it('fails on an empty answer, a resolver error and a refused address', async () => {
    const empty = await lookup(async () => [], false);
    expect(empty.error).toMatchObject({ code: 'ENOTFOUND', message: 'no address for docs.test' });
    const failing = await lookup(
      () => Promise.reject(Object.assign(new Error('timeout'), { code: 'EAI_AGAIN' })),
      true,
    );
    expect(failing.error).toMatchObject({ code: 'EAI_AGAIN' });
    const refused = await lookup(async () => [{ address: '::1', family: 6 }], false);
    expect(refused.error).toMatchObject({
      code: ErrorCode.UrlNotAllowed,
      message:
        'docs.test resolves to ::1, a loopback address (set ingest.allowPrivateNetworks to allow it)',
    });
  });
});
