import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

import { describeArchonMcpServer } from '../../test/mcp/support/mcp-tool-suite.js';
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
