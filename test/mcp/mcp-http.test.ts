/**
 * The MCP server over streamable HTTP on a real loopback server, driven by the
 * official client SDK: the shared suite, an implement run against the fake model
 * server, progress over server-sent events, DNS rebinding protection, API keys, and
 * the transport's refusals (method, media type, body size, malformed JSON).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  createMcpHttpHandler,
  type OpenedMcpDependencies,
  openMcpDependencies,
} from '../../src/mcp/index.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { callTool, waitForRun } from './support/mcp-client-helpers.js';
import {
  createFixtureRepository,
  createMcpFixture,
  fakeModelEnvironment,
  fixedSum,
  type McpFixture,
  toolCallTurn,
} from './support/mcp-fixture.js';
import {
  initializeBody,
  mcpHeaders,
  rawRequest,
  type RunningMcpHttpServer,
  startMcpHttpServer,
} from './support/mcp-http-server.js';
import { describeArchonMcpServer } from './support/mcp-tool-suite.js';

async function connectClient(url: URL, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

describeArchonMcpServer('streamable HTTP', async (fixture) => {
  const opened = await openMcpDependencies(fixture.settings());
  const running = await startMcpHttpServer({
    dependencies: opened.dependencies,
    requireAuth: false,
  });
  const client = await connectClient(running.url);
  return {
    client,
    close: async () => {
      await client.close();
      await running.close();
      await opened.close();
    },
  };
});

describe('MCP over HTTP', () => {
  let fixture: McpFixture;
  let opened: OpenedMcpDependencies;
  let model: FakeOpenAIServer;
  let running: RunningMcpHttpServer;
  let client: Client;

  beforeAll(async () => {
    model = await startFakeOpenAIServer();
    fixture = await createMcpFixture();
    opened = await openMcpDependencies(fixture.settings(fakeModelEnvironment(model.baseUrl)));
    running = await startMcpHttpServer({ dependencies: opened.dependencies, requireAuth: false });
    client = await connectClient(running.url);
  });
  afterAll(async () => {
    await client?.close();
    await running?.close();
    await opened?.close();
    await model?.close();
  });

  it('runs implement and reports the result through get_run', async () => {
    const workspace = createFixtureRepository();
    model.script(
      toolCallTurn('edit_file', {
        path: 'src/sum.js',
        oldText: 'return a - b;',
        newText: 'return a + b;',
      }),
      toolCallTurn('final_result', { summary: 'Fixed.' }),
    );
    const started = await callTool(client, 'implement', {
      spec: 'Make sum add.',
      workspace,
      checks: ['node --test'],
    });
    expect(started.isError, started.text).toBe(false);
    const finished = await waitForRun(client, String(started.structured?.runId));
    expect(finished.structured).toMatchObject({ state: 'succeeded', checksPassed: true });
    expect(readFileSync(join(workspace, 'src', 'sum.js'), 'utf8')).toBe(fixedSum);
  });

  it('refuses a relative workspace before starting anything', async () => {
    const answer = await callTool(client, 'implement', { spec: 'x', workspace: 'repo' });
    expect(answer).toMatchObject({
      isError: true,
      text: "[INVALID_INPUT] workspace must be an absolute path, got 'repo'",
    });
  });

  it('streams progress notifications of add_source to a client that asks for them', async () => {
    const progress: number[] = [];
    const answer = await callTool(
      client,
      'add_source',
      { target: fixture.notes, name: 'notes' },
      { onprogress: (update) => progress.push(update.progress) },
    );
    expect(answer.structured).toMatchObject({ source: 'notes', added: 1 });
    expect(progress).toEqual([1]);
  });

  it('is stateless: no session id, GET and DELETE answer 405', async () => {
    const initialize = await rawRequest(running.port, {
      headers: mcpHeaders(running.port),
      body: initializeBody,
    });
    expect(initialize.status).toBe(200);
    expect(initialize.headers['mcp-session-id']).toBeUndefined();
    expect(initialize.body).toContain('"serverInfo":{"name":"archon"');
    for (const method of ['GET', 'DELETE']) {
      const refused = await rawRequest(running.port, {
        method,
        headers: { host: `127.0.0.1:${running.port}`, accept: 'text/event-stream' },
      });
      expect(refused.status, method).toBe(405);
      expect(refused.headers.allow).toBe('POST');
    }
  });

  it('refuses malformed requests with the transport status codes', async () => {
    const headers = mcpHeaders(running.port);
    expect((await rawRequest(running.port, { headers, body: '{not json' })).status).toBe(400);
    expect((await rawRequest(running.port, { headers, body: '{"hello":1}' })).status).toBe(400);
    const text = { ...headers, 'content-type': 'text/plain' };
    expect((await rawRequest(running.port, { headers: text, body: initializeBody })).status).toBe(
      415,
    );
    const jsonOnly = { ...headers, accept: 'application/json' };
    expect(
      (await rawRequest(running.port, { headers: jsonOnly, body: initializeBody })).status,
    ).toBe(406);
    const huge = Buffer.alloc(1024 * 1024 + 10, 'a');
    expect((await rawRequest(running.port, { headers, body: huge })).status).toBe(413);
    expect((await callTool(client, 'list_sources')).isError).toBe(false);
  });

  it('refuses foreign Host and Origin headers with 403 (DNS rebinding)', async () => {
    const evilHost = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, { host: `evil.example:${running.port}` }),
      body: initializeBody,
    });
    expect(evilHost.status).toBe(403);
    expect(JSON.parse(evilHost.body)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `Forbidden: Host 'evil.example:${running.port}' is not allowed`,
      },
      id: null,
    });
    const evilOrigin = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, { origin: 'http://evil.example' }),
      body: initializeBody,
    });
    expect(evilOrigin.status).toBe(403);
    const sameOrigin = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, {
        host: `localhost:${running.port}`,
        origin: `http://localhost:${running.port}`,
      }),
      body: initializeBody,
    });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('MCP over HTTP when the client goes away', () => {
  it('cancels the tool work of a request whose connection closed', async () => {
    const fixture = await createMcpFixture();
    const folder = join(fixture.home, 'many');
    mkdirSync(folder);
    for (let index = 0; index < 400; index++) {
      writeFileSync(join(folder, `page-${index}.md`), `# Page ${index}\n\nText ${index}.\n`);
    }
    const opened = await openMcpDependencies(fixture.settings());
    const knowledgeBase = opened.dependencies.knowledgeBase;
    let ingest: Promise<unknown> | undefined;
    const running = await startMcpHttpServer({
      requireAuth: false,
      dependencies: {
        ...opened.dependencies,
        knowledgeBase: {
          search: (request) => knowledgeBase.search(request),
          listSources: () => knowledgeBase.listSources(),
          getSource: (name) => knowledgeBase.getSource(name),
          getDocument: (id) => knowledgeBase.getDocument(id),
          store: knowledgeBase.store,
          refreshVectorIndex: (options) => knowledgeBase.refreshVectorIndex(options),
          ingest: (request) => {
            const started = knowledgeBase.ingest(request);
            ingest = started;
            return started;
          },
        },
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: running.port,
            path: '/mcp',
            method: 'POST',
            headers: mcpHeaders(running.port, { 'mcp-protocol-version': '2025-06-18' }),
          },
          (response) => {
            expect(response.headers['content-type']).toBe('text/event-stream');
            request.destroy();
            resolve();
          },
        );
        request.on('error', reject);
        request.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: 'add_source', arguments: { target: folder, name: 'many' } },
          }),
        );
      });
      await expect(ingest).rejects.toMatchObject({ code: 'CANCELLED' });
      const sources = await knowledgeBase.listSources();
      const many = sources.find((source) => source.name === 'many');
      expect(many?.documentCount ?? 0).toBeLessThan(400);
    } finally {
      await running.close();
      await opened.close();
    }
  });
});

describe('MCP over HTTP with API keys', () => {
  const validKeys = new Set(['ak_valid']);
  let opened: OpenedMcpDependencies;
  let running: RunningMcpHttpServer;
  const unexpected: string[] = [];

  beforeAll(async () => {
    const fixture = await createMcpFixture();
    opened = await openMcpDependencies(fixture.settings());
    running = await startMcpHttpServer({
      dependencies: {
        ...opened.dependencies,
        onUnexpectedError: (_error, where) => unexpected.push(where),
      },
      requireAuth: true,
      verifyKey: async (key) => {
        if (key === 'ak_explode') throw new Error('key store down');
        return validKeys.has(key);
      },
    });
  });
  afterAll(async () => {
    await running?.close();
    await opened?.close();
  });
  afterEach(() => void unexpected.splice(0));

  it('refuses a client without a key or with a wrong one (401), before any MCP work', async () => {
    await expect(connectClient(running.url)).rejects.toMatchObject({
      code: 401,
      message: expect.stringContaining('Unauthorized: an API key is required'),
    });
    await expect(
      connectClient(running.url, { authorization: 'Bearer ak_wrong' }),
    ).rejects.toMatchObject({ code: 401, message: expect.stringContaining('not valid') });
    const missing = await rawRequest(running.port, {
      headers: mcpHeaders(running.port),
      body: initializeBody,
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(missing.body).error.message).toBe(
      'Unauthorized: an API key is required (Authorization: Bearer <key>)',
    );
    const wrong = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, { 'x-api-key': 'ak_wrong' }),
      body: initializeBody,
    });
    expect(JSON.parse(wrong.body).error.message).toBe('Unauthorized: the API key is not valid');
  });

  it('serves a client with a valid key, as Bearer or X-API-Key', async () => {
    const variants: Record<string, string>[] = [
      { authorization: 'Bearer ak_valid' },
      { 'x-api-key': 'ak_valid' },
    ];
    for (const headers of variants) {
      const client = await connectClient(running.url, headers);
      expect((await callTool(client, 'list_sources')).text).toMatch(/^guides /);
      await client.close();
    }
  });

  it('checks the Host before the key, and revoking a key locks its client out', async () => {
    const foreign = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, { host: 'evil.example', authorization: 'Bearer ak_valid' }),
      body: initializeBody,
    });
    expect(foreign.status).toBe(403);
    validKeys.add('ak_revoked');
    const client = await connectClient(running.url, { authorization: 'Bearer ak_revoked' });
    validKeys.delete('ak_revoked');
    await expect(client.callTool({ name: 'list_sources', arguments: {} })).rejects.toMatchObject({
      code: 401,
    });
    await client.close();
  });

  it('answers 500 without details when the key store fails, and reports the error', async () => {
    const failed = await rawRequest(running.port, {
      headers: mcpHeaders(running.port, { authorization: 'Bearer ak_explode' }),
      body: initializeBody,
    });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body).error.message).toBe('Internal error');
    expect(failed.body).not.toContain('key store down');
    expect(unexpected).toEqual(['MCP over HTTP']);
  });
});

describe('createMcpHttpHandler as a web-standard (Hono) handler', () => {
  it('refuses options it cannot honour', async () => {
    const fixture = await createMcpFixture();
    const opened = await openMcpDependencies(fixture.settings());
    try {
      const base = { host: '127.0.0.1', dependencies: opened.dependencies, requireAuth: false };
      for (const maximumBodyBytes of [0, -1, 1.5]) {
        expect(() => createMcpHttpHandler({ ...base, maximumBodyBytes })).toThrow(
          /maximumBodyBytes must be a positive integer/,
        );
      }
      expect(() => createMcpHttpHandler({ ...base, requireAuth: true })).toThrow(
        /requireAuth needs verifyKey/,
      );
    } finally {
      await opened.close();
    }
  });

  it('answers a Request with a Response', async () => {
    const fixture = await createMcpFixture();
    const opened = await openMcpDependencies(fixture.settings());
    try {
      const handler = createMcpHttpHandler({
        host: '127.0.0.1',
        dependencies: opened.dependencies,
        requireAuth: false,
      });
      const response = await handler.fetch(
        new Request('http://localhost:8000/mcp', {
          method: 'POST',
          headers: {
            host: 'localhost:8000',
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body: initializeBody,
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('"serverInfo":{"name":"archon"');
      const refused = await handler.fetch(
        new Request('http://evil.example/mcp', {
          method: 'POST',
          headers: { host: 'evil.example' },
          body: '{}',
        }),
      );
      expect(refused.status).toBe(403);
      const notification = await handler.fetch(
        new Request('http://localhost:8000/mcp', {
          method: 'POST',
          headers: {
            host: 'localhost:8000',
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        }),
      );
      expect(notification.status).toBe(202);
    } finally {
      await opened.close();
    }
  });
});
