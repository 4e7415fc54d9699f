/**
 * A real `archon mcp`-like process for the stdio tests and the round-trip bench: opens
 * the home named by ARCHON_HOME (and the model named by ARCHON_MODEL, if any) and
 * serves MCP over stdin/stdout until the client closes stdin or SIGTERM arrives.
 * Run with `node --import tsx test/mcp/stdio-server-entry.ts`.
 */
import { loadSettings } from '../../src/config/load-settings.js';
import { createMcpServer, openMcpDependencies, runStdioServer } from '../../src/mcp/index.js';

const opened = await openMcpDependencies(loadSettings(process.env), {
  version: 'test',
  onUnexpectedError: (error, where) => process.stderr.write(`${where}: ${String(error)}\n`),
});
const session = await runStdioServer(createMcpServer(opened.dependencies));
process.once('SIGTERM', () => void session.close());
await session.closed;
await opened.close();
process.exit(0);
