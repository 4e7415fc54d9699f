/**
 * The real MCP endpoint mounted on the HTTP server, as `archon serve` wires it: the
 * official MCP client over streamable HTTP lists sources, searches and starts an
 * implement run through the server's own run admission, behind the server's API keys.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createMcpHttpHandler } from '../../src/mcp/mcp-http-handler.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, type TestSetup } from './server-test-setup.js';

describe('HTTP API: the MCP endpoint mounted at /mcp', () => {
  let setup: TestSetup;
  let server: RunningServer;

  beforeEach(async () => {
    setup = await createTestSetup();
  });
  afterEach(async () => {
    await server.close();
    await setup.cleanup();
  });

  it('answers the official client behind the server keys', async () => {
    const key = await setup.apiKeys.create('agent');
    server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      requireAuth: true,
      closeResources: async () => undefined,
    });
    const { serverApp } = server;
    serverApp.mountMcp(
      createMcpHttpHandler({
        host: '127.0.0.1',
        requireAuth: serverApp.requireAuth,
        verifyKey: async (presented) => (await setup.apiKeys.verify(presented)) !== null,
        dependencies: {
          knowledgeBase: setup.knowledgeBase,
          runs: setup.runs,
          startImplement: serverApp.startImplement,
          checkPath: serverApp.checkPath,
        },
      }),
    );
    const refused = await fetch(`${server.url}/mcp`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);

    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key.key}` } },
      }),
    );
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('search_knowledge');
    const sources = await client.callTool({ name: 'list_sources', arguments: {} });
    expect(JSON.stringify(sources.content)).toContain('guides');
    await client.close();
  });
});
