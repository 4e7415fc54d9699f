/**
 * API keys and rate limits over real HTTP: the matrix of missing, wrong, revoked and
 * valid keys on every route of a server that requires keys, the refusal to listen
 * beyond loopback without a key, and per-key token buckets with Retry-After.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ServerAppOptions } from '../../src/server/server-options.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

interface RouteCase {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Status with a valid key. */
  readonly status: number;
}

describe('HTTP API: API keys and rate limits', () => {
  let setup: TestSetup;
  let server: RunningServer;
  const start = async (overrides: Partial<ServerAppOptions> & { host?: string } = {}) => {
    server = await startServer({
      ...setup.options(overrides),
      host: overrides.host ?? '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
  };
  const send = (route: RouteCase, headers: Record<string, string>) =>
    fetch(
      `${server.url}${route.path}`,
      route.body === undefined
        ? { method: route.method, headers }
        : jsonRequest(route.method, route.body, headers),
    );

  beforeEach(async () => {
    setup = await createTestSetup();
  });
  afterEach(async () => {
    await server?.close();
    await setup.cleanup();
  });

  it('asks for a valid, unrevoked key on every route but the probes', async () => {
    const valid = await setup.apiKeys.create('valid');
    const revoked = await setup.apiKeys.create('revoked');
    await setup.apiKeys.revoke('revoked');
    await start({ requireAuth: true });
    server.serverApp.mountMcp({ fetch: async () => new Response('mcp answered') });
    const routes: RouteCase[] = [
      { method: 'POST', path: '/v1/search', body: { query: 'retry' }, status: 200 },
      { method: 'GET', path: '/v1/sources', status: 200 },
      {
        method: 'POST',
        path: '/v1/sources',
        body: { targets: [setup.docs], source: 'again' },
        status: 202,
      },
      { method: 'DELETE', path: '/v1/sources/none', status: 404 },
      { method: 'GET', path: '/v1/documents/none', status: 404 },
      { method: 'GET', path: '/v1/jobs/none', status: 404 },
      {
        method: 'POST',
        path: '/v1/runs',
        body: { kind: 'ask', question: 'q', useModel: false },
        status: 202,
      },
      { method: 'GET', path: '/v1/runs/none', status: 404 },
      { method: 'GET', path: '/v1/runs/none/events', status: 404 },
      { method: 'POST', path: '/v1/runs/none/cancel', status: 404 },
      { method: 'GET', path: '/metrics', status: 200 },
      { method: 'GET', path: '/openapi.json', status: 200 },
      { method: 'POST', path: '/mcp', body: {}, status: 200 },
      { method: 'GET', path: '/v1/unknown', status: 404 },
    ];
    const credentials: [string, Record<string, string>, number | 'valid'][] = [
      ['missing', {}, 401],
      [
        'wrong',
        { authorization: 'Bearer archon_wrongwrongwrongwrongwrongwrongwrongwrongwro' },
        401,
      ],
      ['not a bearer', { authorization: `Basic ${valid.key}` }, 401],
      ['revoked', { authorization: `Bearer ${revoked.key}` }, 401],
      ['valid bearer', { authorization: `Bearer ${valid.key}` }, 'valid'],
      ['valid header', { 'x-api-key': valid.key }, 'valid'],
    ];
    for (const route of routes) {
      for (const [name, headers, expected] of credentials) {
        const response = await send(route, headers);
        const status = expected === 'valid' ? route.status : expected;
        expect({ route: `${route.method} ${route.path}`, name, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          name,
          status,
        });
        if (status === 401) {
          expect(response.headers.get('www-authenticate')).toBe('Bearer realm="archon"');
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
            'UNAUTHORIZED',
          );
        } else {
          await response.arrayBuffer();
        }
      }
    }
    for (const path of ['/health', '/ready']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    }
    await server.serverApp.jobs.whenIdle();
  });

  it('refuses to listen beyond loopback without a key, and requires keys there', async () => {
    await expect(
      startServer({
        ...setup.options(),
        host: '0.0.0.0',
        port: 0,
        closeResources: async () => undefined,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('archon keys create'),
    });
    const key = await setup.apiKeys.create('ops');
    await start({ host: '0.0.0.0' });
    expect(server.serverApp.requireAuth).toBe(true);
    const local = server.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${local}/v1/sources`)).status).toBe(401);
    expect((await fetch(`${local}/v1/sources`, { headers: { 'x-api-key': key.key } })).status).toBe(
      200,
    );
  });

  it('limits requests per key with a token bucket and Retry-After', async () => {
    let now = 1_000_000;
    const first = await setup.apiKeys.create('first');
    const second = await setup.apiKeys.create('second');
    await start({
      requireAuth: true,
      clock: () => now,
      limits: { requestsPerSecond: 2, burst: 3 },
    });
    const get = (key: string, path = '/v1/sources') =>
      fetch(`${server.url}${path}`, { headers: { 'x-api-key': key } });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await get(first.key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get(first.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'too many requests for this API key; slow down' },
    });
    expect((await get(second.key)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    now += 500;
    expect((await get(first.key)).status).toBe(200);
    expect((await get(first.key)).status).toBe(429);
    const metrics = await (await get(second.key, '/metrics')).text();
    expect(metrics).toMatch(
      /archon_http_requests_total\{route="\/v1\/sources",method="GET",status="429"\} 3/,
    );
  });

  it('leaves anonymous loopback callers unlimited unless asked to limit them', async () => {
    let now = 0;
    await start({ clock: () => now, limits: { requestsPerSecond: 1, burst: 1 } });
    for (let index = 0; index < 5; index += 1) {
      expect((await fetch(`${server.url}/v1/sources`)).status).toBe(200);
    }
    await server.close();
    await start({
      clock: () => now,
      limits: { requestsPerSecond: 1, burst: 1, limitAnonymous: true },
    });
    expect((await fetch(`${server.url}/v1/sources`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/sources`)).status).toBe(429);
    now += 1000;
    expect((await fetch(`${server.url}/v1/sources`)).status).toBe(200);
  });
});
