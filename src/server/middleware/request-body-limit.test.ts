import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';

import type { ServerEnvironment } from '../server-environment.js';
import { requestBodyLimit } from './request-body-limit.js';

function app() {
  const hono = new Hono<ServerEnvironment>();
  hono.use('*', requestBodyLimit({ maxSize: 10, onError: (context) => context.text('big', 413) }));
  hono.all('/echo', async (context) => context.text(`got ${(await context.req.text()).length}`));
  return hono;
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, 3));
      controller.enqueue(bytes.subarray(3));
      controller.close();
    },
  });
}

describe('requestBodyLimit', () => {
  it('decides from a declared Content-Length and leaves the body to the route', async () => {
    const small = await app().request('/echo', {
      method: 'POST',
      body: '0123456789',
      headers: { 'content-length': '10' },
    });
    expect([small.status, await small.text()]).toEqual([200, 'got 10']);
    const big = await app().request('/echo', {
      method: 'POST',
      body: '01234567890',
      headers: { 'content-length': '11' },
    });
    expect([big.status, await big.text()]).toEqual([413, 'big']);
  });

  it('counts a body without a declared length', async () => {
    const init = (text: string) =>
      ({ method: 'POST', body: chunked(text), duplex: 'half' }) as RequestInit;
    const small = await app().request('/echo', init('0123456789'));
    expect([small.status, await small.text()]).toEqual([200, 'got 10']);
    const big = await app().request('/echo', init('0123456789abc'));
    expect(big.status).toBe(413);
  });

  it('lets GET and HEAD through untouched', async () => {
    const response = await app().request('/echo');
    expect([response.status, await response.text()]).toEqual([200, 'got 0']);
  });
});
