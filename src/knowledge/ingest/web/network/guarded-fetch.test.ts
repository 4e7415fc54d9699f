import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../../../core/errors.js';
import { createGuardedFetch } from './guarded-fetch.js';
import type { ResolveHost } from './url-policy.js';

/** A resolver that knows a few made-up names and records each lookup. */
function fakeResolver(table: Record<string, string>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const address = table[hostname];
    if (address === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(resolve, { calls });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(ArchonError.isInstance(error) && error.code === ErrorCode.UrlNotAllowed).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected URL_NOT_ALLOWED');
}

describe('createGuardedFetch over node:http', () => {
  let site: Server;
  let port: number;

  beforeAll(async () => {
    site = createServer((request, response) => {
      const [path = '/'] = (request.url ?? '/').split('?');
      if (path === '/page') {
        response.writeHead(200, {
          'content-type': 'text/html',
          'x-seen-agent': `${request.headers['user-agent']}`,
        });
        return void response.end('<h1>Hello</h1>');
      }
      if (path === '/empty') return void response.writeHead(204).end();
      if (path === '/to-page') return void response.writeHead(302, { location: '/page' }).end();
      if (path === '/to-metadata')
        return void response.writeHead(301, { location: 'http://169.254.169.254/latest/' }).end();
      if (path === '/to-file')
        return void response.writeHead(307, { location: 'file:///etc/passwd' }).end();
      if (path === '/to-localhost')
        return void response.writeHead(302, { location: `http://localhost:${port}/page` }).end();
      if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
      if (path === '/hang') return; // never answers
      response.writeHead(404, 'Nowhere').end('missing');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    port = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });

  it('refuses a loopback literal, and a name that resolves to loopback when it connects', async () => {
    const resolveHost = fakeResolver({ 'docs.test': '127.0.0.1', 'v6.test': '::1' });
    const guarded = createGuardedFetch({ policy: { allowPrivateNetworks: false, resolveHost } });
    expect(await refusal(guarded(`http://127.0.0.1:${port}/page`))).toMatch(
      /127\.0\.0\.1 is a loopback address/,
    );
    expect(await refusal(guarded(`http://docs.test:${port}/page`))).toBe(
      `URL not allowed: http://docs.test:${port}/page: docs.test resolves to 127.0.0.1, a loopback address (set ingest.allowPrivateNetworks to allow it)`,
    );
    expect(await refusal(guarded(`http://v6.test:${port}/page`))).toMatch(
      /resolves to ::1, a loopback/,
    );
    expect(resolveHost.calls).toEqual(['docs.test', 'v6.test']);
  });

  it('refuses a name with any forbidden address, even next to a public one', async () => {
    const resolveHost: ResolveHost = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const guarded = createGuardedFetch({ policy: { allowPrivateNetworks: false, resolveHost } });
    expect(await refusal(guarded('http://mixed.test/'))).toMatch(
      /resolves to 10\.0\.0\.5, a private address/,
    );
  });

  it('resolves at every connection, so a name that rebinds to loopback is refused then', async () => {
    let answer = '127.0.0.1';
    const resolveHost: ResolveHost = async () => [{ address: answer, family: 4 }];
    const intranet = createGuardedFetch({ policy: { allowPrivateNetworks: true, resolveHost } });
    expect((await intranet(`http://rebind.test:${port}/page`)).status).toBe(200);
    answer = '169.254.169.254';
    expect(await refusal(intranet(`http://rebind.test:${port}/page`))).toMatch(/link-local/);
  });

  it('with private networks allowed, reads a loopback page with its status, headers, body and URL', async () => {
    const resolveHost = fakeResolver({ 'docs.test': '127.0.0.1' });
    const guarded = createGuardedFetch({ policy: { allowPrivateNetworks: true, resolveHost } });
    const response = await guarded(`http://docs.test:${port}/page`, {
      headers: { 'user-agent': 'ArchonTest/1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-seen-agent')).toBe('ArchonTest/1');
    expect(await response.text()).toBe('<h1>Hello</h1>');
    expect(response.url).toBe(`http://docs.test:${port}/page`);

    const missing = await guarded(new URL(`http://127.0.0.1:${port}/nowhere`));
    expect([missing.status, missing.statusText, await missing.text()]).toEqual([
      404,
      'Nowhere',
      'missing',
    ]);
    const empty = await guarded(new Request(`http://127.0.0.1:${port}/empty`));
    expect([empty.status, empty.body]).toEqual([204, null]);
    const head = await guarded(`http://127.0.0.1:${port}/page`, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, null]);
  });

  it('follows redirects hop by hop and checks every hop', async () => {
    const resolveHost = fakeResolver({ localhost: '127.0.0.1' });
    const intranet = createGuardedFetch({ policy: { allowPrivateNetworks: true, resolveHost } });
    const followed = await intranet(`http://127.0.0.1:${port}/to-page`);
    expect([followed.status, followed.url]).toEqual([200, `http://127.0.0.1:${port}/page`]);
    expect(await refusal(intranet(`http://127.0.0.1:${port}/to-metadata`))).toBe(
      'URL not allowed: http://169.254.169.254/latest/: 169.254.169.254 is a link-local address',
    );
    expect(await refusal(intranet(`http://127.0.0.1:${port}/to-file`))).toMatch(
      /scheme file: is not http\(s\)/,
    );
    await expect(intranet(`http://127.0.0.1:${port}/loop`)).rejects.toThrow(
      'more than 10 redirects',
    );

    // An injected transport owns its connections; every hop's URL is still checked here.
    const viaTransport = createGuardedFetch({
      policy: { allowPrivateNetworks: false },
      transport: (input, init) =>
        fetch(String(input).replace('public.test', `127.0.0.1:${port}`), init),
    });
    const relayed = await viaTransport('http://public.test/to-page');
    expect([relayed.status, relayed.url]).toEqual([200, 'http://public.test/page']);
    expect(await refusal(viaTransport('http://public.test/to-metadata'))).toMatch(/link-local/);
    expect(await refusal(viaTransport('http://public.test/to-file'))).toMatch(/scheme file:/);
  });

  it('fails like fetch on network errors and aborts', async () => {
    const intranet = createGuardedFetch({ policy: { allowPrivateNetworks: true } });
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const refused = await intranet(`http://127.0.0.1:${closedPort}/`).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TypeError);
    expect(((refused as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');

    const unknownName = await createGuardedFetch({
      policy: { allowPrivateNetworks: true, resolveHost: fakeResolver({}) },
    })('http://nowhere.test/').catch((error: unknown) => error);
    expect(((unknownName as TypeError).cause as { code?: string }).code).toBe('ENOTFOUND');

    const controller = new AbortController();
    const hanging = intranet(`http://127.0.0.1:${port}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(hanging).rejects.toMatchObject({ name: 'AbortError' });
  });
});
