/**
 * The app's edges: MCP mounting (web-standard and Node handlers), timeouts, readiness
 * failures, server faults with a generic message, shutdown that runs out of grace,
 * listen errors, jobs refused after stop, and job counts in the metrics.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createServerApp } from '../../src/server/server-app.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../support/fake-embeddings-server.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

describe('HTTP API: app edges', () => {
  let setup: TestSetup;
  let server: RunningServer | undefined;

  beforeEach(async () => {
    setup = await createTestSetup();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await setup.cleanup();
  });

  it('mounts a web-standard MCP handler behind the same request IDs and keys, once', async () => {
    const serverApp = createServerApp(setup.options());
    const seen: string[] = [];
    serverApp.mountMcp({
      fetch: async (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
        return new Response('{"jsonrpc":"2.0"}', {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const response = await serverApp.app.request('/mcp', { method: 'POST', body: '{"id":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(seen).toEqual(['POST /mcp {"id":1}']);
    expect(() => serverApp.mountMcp({ fetch: async () => new Response('') })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(serverApp.checkPath(setup.docs, 'a path')).toMatch(/docs$/);
    expect(() => serverApp.checkPath('docs', 'a path')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    await expect(serverApp.recover()).resolves.toMatchObject({ resumedIngests: 0 });
    await expect(serverApp.recover()).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('mounts a raw Node MCP handler, which needs the Node server', async () => {
    const key = await setup.apiKeys.create('mcp');
    server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      requireAuth: true,
      closeResources: async () => undefined,
    });
    server.serverApp.mountMcp({
      node: async (request, response) => {
        response.writeHead(201, { 'content-type': 'text/plain' });
        response.end(`node saw ${request.method} ${request.url}`);
      },
    });
    const refused = await fetch(`${server.url}/mcp`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const answered = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'x-api-key': key.key },
    });
    expect(answered.status).toBe(201);
    expect(await answered.text()).toBe('node saw POST /mcp');
    expect(answered.headers.get('x-request-id')).toBeTruthy();
    const metrics = await (
      await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': key.key } })
    ).text();
    expect(metrics).toMatch(
      /archon_http_requests_total\{route="\/mcp",method="POST",status="201"\} 1/,
    );

    const inProcess = createServerApp(setup.options());
    inProcess.mountMcp({ node: async () => undefined });
    const noNode = await inProcess.app.request('/mcp', { method: 'POST' });
    expect(noNode.status).toBe(500);
    expect(((await noNode.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
  });

  it('answers 504 when a request outlives the timeout', async () => {
    const embeddings: FakeEmbeddingsServer = await startFakeEmbeddingsServer({ dimensions: 16 });
    const slow = await createTestSetup({
      environment: {
        ARCHON_EMBEDDING: 'openai-compatible:fake-embedder',
        ARCHON_EMBEDDING_BASE_URL: embeddings.baseUrl,
        ARCHON_EMBEDDING_DIMENSIONS: '16',
      },
    });
    try {
      const serverApp = createServerApp(slow.options({ limits: { requestTimeoutMs: 50 } }));
      embeddings.script({ kind: 'delay', milliseconds: 500 });
      const response = await serverApp.app.request(
        '/v1/search',
        jsonRequest('POST', { query: 'retry', mode: 'vector' }),
      );
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({
        error: { code: 'TIMEOUT', message: 'the request took too long' },
      });
      const outcome = await serverApp.shutdown({ graceMs: 5_000 });
      expect(outcome.settled).toBe(true);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await slow.cleanup();
      await embeddings.close();
    }
  });

  it('is not ready when a required check fails, and hides the text of server faults', async () => {
    const options = setup.options();
    options.health.register(
      'model',
      async () => {
        throw new Error('provider down');
      },
      { required: true },
    );
    const serverApp = createServerApp(options);
    const ready = await serverApp.app.request('/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not-ready',
      checks: expect.arrayContaining([
        expect.objectContaining({ name: 'model', status: 'fail', error: 'provider down' }),
      ]),
    });
    await setup.knowledgeBase.close();
    const broken = await serverApp.app.request('/v1/sources');
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({
      error: {
        code: 'STORAGE_ERROR',
        message: 'internal error; the server log has the details under this X-Request-Id',
      },
    });
    const logged = setup.logLines.find((line) => line.msg === 'request failed');
    expect(logged).toMatchObject({ level: 'error', requestId: broken.headers.get('x-request-id') });
  });

  it('reports when shutdown runs out of grace, and refuses jobs after it', async () => {
    const serverApp = createServerApp(setup.options());
    let release!: () => void;
    serverApp.app.get('/hold', async (context) => {
      await new Promise<void>((resolve) => (release = resolve));
      return context.text('released');
    });
    const held = serverApp.app.request('/hold');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(serverApp.inFlightRequests).toBe(1);
    expect(await serverApp.shutdown({ graceMs: 20 })).toEqual({ settled: false });
    expect(
      setup.logLines.some(
        (line) => line.msg === 'shutdown grace period ended with work still in progress',
      ),
    ).toBe(true);
    release();
    expect(await (await held).text()).toBe('released');
    await expect(serverApp.jobs.submitIngest({ targets: [setup.docs] })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect((await serverApp.app.request('/health')).status).toBe(503);
  });

  it('counts jobs by state in the metrics', async () => {
    const serverApp = createServerApp(setup.options());
    await serverApp.app.request(
      '/v1/sources',
      jsonRequest('POST', { targets: [setup.docs], source: 'copy' }),
    );
    await serverApp.jobs.whenIdle();
    const metrics = await (await serverApp.app.request('/metrics')).text();
    expect(metrics).toContain('archon_jobs{state="succeeded"} 1');
    expect(metrics).toContain('archon_jobs{state="failed"} 0');
  });

  it('says why it cannot listen, and formats IPv6 URLs', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    await expect(
      startServer({
        ...setup.options(),
        host: '127.0.0.1',
        port,
        closeResources: async () => undefined,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: `cannot listen: port ${port} on 127.0.0.1 is already in use`,
    });
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const other = await startServer({
      ...setup.options(),
      host: '127.0.0.2',
      port: 0,
      closeResources: async () => undefined,
    });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(other.serverApp.requireAuth).toBe(false);
    await other.close();
    await other.close();
    server = await startServer({
      ...setup.options(),
      host: '::1',
      port: 0,
      closeResources: async () => undefined,
    }).catch(() => undefined);
    if (server !== undefined) {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    }
  });
});
