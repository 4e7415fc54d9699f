import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';

import { callTool } from '../../test/mcp/support/mcp-client-helpers.js';
import { createMcpFixture } from '../../test/mcp/support/mcp-fixture.js';
import { describeArchonMcpServer } from '../../test/mcp/support/mcp-tool-suite.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import { createMcpServer } from './create-mcp-server.js';
import { openMcpDependencies } from './open-mcp-dependencies.js';

describeArchonMcpServer('an in-memory transport', async (fixture) => {
  const opened = await openMcpDependencies(fixture.settings(), { version: '1.2.3' });
  const server = createMcpServer(opened.dependencies);
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await opened.close();
    },
  };
});

describe('createMcpServer with a path policy', () => {
  it('passes add_source paths through checkPath and reports its refusal', async () => {
    const fixture = await createMcpFixture();
    const opened = await openMcpDependencies(fixture.settings());
    const checked: string[] = [];
    const server = createMcpServer({
      ...opened.dependencies,
      checkPath: (path, what) => {
        checked.push(`${what} ${path}`);
        if (!path.startsWith(fixture.guides)) {
          throw new ArchonError(
            ErrorCode.WorkspaceViolation,
            `${what} is outside the directories this server allows`,
          );
        }
        return path;
      },
    });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(clientSide);
    try {
      const refused = await callTool(client, 'add_source', { target: fixture.notes });
      expect(refused).toMatchObject({
        isError: true,
        text: '[WORKSPACE_VIOLATION] target is outside the directories this server allows',
      });
      const allowed = await callTool(client, 'add_source', {
        target: fixture.guides,
        name: 'guides',
      });
      expect(allowed.structured).toMatchObject({ source: 'guides', unchanged: 2 });
      const url = await callTool(client, 'add_source', { target: 'http://127.0.0.1:9/none' });
      expect(url.isError).toBe(true);
      expect(checked).toEqual([`target ${fixture.notes}`, `target ${fixture.guides}`]);
    } finally {
      await client.close();
      await opened.close();
    }
  });
});
