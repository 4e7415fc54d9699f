import { PassThrough } from 'node:stream';

import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';

import { createMcpFixture } from '../../test/mcp/support/mcp-fixture.js';
import { createMcpServer } from './create-mcp-server.js';
import { type OpenedMcpDependencies, openMcpDependencies } from './open-mcp-dependencies.js';
import { runStdioServer } from './run-stdio-server.js';

/** Reads newline-delimited JSON-RPC messages the server writes. */
function messages(output: PassThrough): () => Promise<Record<string, unknown>> {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  output.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let index;
    while ((index = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, index);
      buffered = buffered.slice(index + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  return async () => {
    const line = lines.shift() ?? (await new Promise<string>((resolve) => waiting.push(resolve)));
    return JSON.parse(line) as Record<string, unknown>;
  };
}

describe('runStdioServer', () => {
  let opened: OpenedMcpDependencies | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  async function start() {
    const fixture = await createMcpFixture();
    opened = await openMcpDependencies(fixture.settings());
    const input = new PassThrough();
    const output = new PassThrough();
    const session = await runStdioServer(createMcpServer(opened.dependencies), { input, output });
    const send = (message: Record<string, unknown>) =>
      input.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    return { input, session, send, next: messages(output) };
  }

  it('answers JSON-RPC lines on its streams and ends when the input ends', async () => {
    const { input, session, send, next } = await start();
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    expect(await next()).toMatchObject({ id: 1, result: { serverInfo: { name: 'archon' } } });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'list_sources', arguments: {} } });
    const listed = (await next()) as { id: number; result: { content: { text: string }[] } };
    expect(listed.id).toBe(2);
    expect(listed.result.content[0]?.text).toMatch(/^guides \(files/);
    input.end();
    await session.closed;
  });

  it('ends on close()', async () => {
    const { session } = await start();
    await session.close();
    await expect(session.closed).resolves.toBeUndefined();
  });
});
