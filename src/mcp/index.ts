/**
 * The MCP layer's public surface: build the server over core objects, run it over
 * stdio (`archon mcp`) or mount it over HTTP (`/mcp` of `archon serve`).
 */
export { type ApiKeyOptions, presentedKey } from './api-key-check.js';
export { createMcpServer, serverInstructions, toolNames } from './create-mcp-server.js';
export { type DnsRebindingOptions } from './dns-rebinding-guard.js';
export {
  createImplementLauncher,
  type ImplementLauncher,
  type ImplementLauncherOptions,
} from './implement-launcher.js';
export type {
  ImplementToolRequest,
  McpDependencies,
  McpKnowledgeBase,
  StartImplement,
} from './mcp-dependencies.js';
export { errorText, type UnexpectedErrorListener } from './mcp-errors.js';
export {
  createMcpHttpHandler,
  defaultMaximumBodyBytes,
  type McpHttpHandler,
  type McpHttpOptions,
} from './mcp-http-handler.js';
export {
  type OpenedMcpDependencies,
  openMcpDependencies,
  type OpenMcpOptions,
} from './open-mcp-dependencies.js';
export {
  runStdioServer,
  type StdioServerOptions,
  type StdioServerSession,
} from './run-stdio-server.js';
