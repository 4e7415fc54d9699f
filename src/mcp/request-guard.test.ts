import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode as RpcErrorCode, ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { maximumResourceUriLength, refusalOf, RequestGuard } from './request-guard.js';

/** A real server with one resource behind the guard, and the official client. */
async function connectGuarded(): Promise<{ client: Client; close(): Promise<void> }> {
  const server = new McpServer({ name: 'guarded', version: '1' });
  server.registerTool('echo', { description: 'echo' }, () => ({
    content: [{ type: 'text', text: 'hi' }],
  }));
  server.registerResource('one', 'test://one', {}, (uri) => ({
    contents: [{ uri: uri.href, text: 'one' }],
  }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(new RequestGuard(serverSide));
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return { client, close: async () => void (await client.close(), await server.close()) };
}

describe('RequestGuard', () => {
  let connected: Awaited<ReturnType<typeof connectGuarded>>;
  beforeEach(async () => {
    connected = await connectGuarded();
  });
  afterEach(async () => {
    await connected.close();
  });

  const send = (method: string, params?: unknown) =>
    connected.client.request(
      { method, ...(params === undefined ? {} : { params }) } as { method: string },
      ResultSchema,
      { timeout: 2000 },
    );

  it('answers params of the wrong type with -32602 and one line, not -32603 with a dump', async () => {
    const refused = send('tools/call', { name: 5, arguments: [] });
    await expect(refused).rejects.toMatchObject({
      code: RpcErrorCode.InvalidParams,
      message:
        'MCP error -32602: Invalid params for tools/call: params.name: Invalid input: expected string, received number',
    });
  });

  it('answers a resource URI that does not parse, or is huge, with -32602', async () => {
    for (const uri of ['not a uri', `test://${'a'.repeat(maximumResourceUriLength)}`]) {
      await expect(send('resources/read', { uri })).rejects.toMatchObject({
        code: RpcErrorCode.InvalidParams,
      });
    }
    await expect(send('resources/read', { uri: 'test://one' })).resolves.toMatchObject({
      contents: [{ text: 'one' }],
    });
  });

  it('answers a message that is no JSON-RPC request (params a list) instead of staying silent', async () => {
    await expect(send('tools/list', [1, 2])).rejects.toMatchObject({
      code: RpcErrorCode.InvalidRequest,
    });
    await expect(send('tools/call', { name: 'echo' })).resolves.toMatchObject({
      content: [{ text: 'hi' }],
    });
  });

  it('passes on responses, notifications and methods it has no schema for', () => {
    expect(refusalOf({ jsonrpc: '2.0', id: 1, result: {} })).toBeNull();
    expect(
      refusalOf({ jsonrpc: '2.0', method: 'notifications/initialized', params: 3 }),
    ).toBeNull();
    expect(refusalOf({ jsonrpc: '2.0', id: 2, method: 'prompts/list', params: {} })).toBeNull();
    expect(refusalOf('text')).toBeNull();
  });
});
