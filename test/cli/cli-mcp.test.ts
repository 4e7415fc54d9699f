/** `archon mcp` as a real process, driven by the official MCP client SDK over stdio. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';

describe('archon mcp', () => {
  it('serves the tools over stdio from the real binary', async () => {
    const home = mkdtempSync(join(tmpdir(), 'archon-mcp-cli-'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ knowledgePack: false }));
    const docs = mkdtempSync(join(tmpdir(), 'archon-mcp-docs-'));
    writeFileSync(
      join(docs, 'probes.md'),
      '# Probes\n\nReadiness gates traffic; liveness restarts the container.\n',
    );
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(import.meta.dirname, '..', '..', 'bin', 'archon.js'), 'mcp'],
      env: { PATH: process.env.PATH ?? '', ARCHON_HOME: home },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'archon-cli-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['search_knowledge', 'add_source', 'implement', 'get_run']),
      );
      const added = await client.callTool({
        name: 'add_source',
        arguments: { target: docs, name: 'ops' },
      });
      expect(added.isError).not.toBe(true);
      const found = await client.callTool({
        name: 'search_knowledge',
        arguments: { query: 'readiness traffic' },
      });
      expect(JSON.stringify(found.content)).toContain('probes.md');
      const implement = await client.callTool({
        name: 'implement',
        arguments: { spec: 'x', workspace: docs },
      });
      expect(implement.isError).toBe(true);
      expect(JSON.stringify(implement.content)).toMatch(/INVALID_CONFIG.*ARCHON_MODEL/);
    } finally {
      await client.close();
    }
  });
});
