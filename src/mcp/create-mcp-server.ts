/**
 * The Archon MCP server: seven tools and three resources over the core objects in
 * {@link McpDependencies}. Transport-free; `runStdioServer` and `createMcpHttpHandler`
 * connect it.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

import { registerKnowledgeResources } from './knowledge-resources.js';
import type { McpDependencies } from './mcp-dependencies.js';
import { RequestGuard } from './request-guard.js';
import { registerRunTools } from './run-tools.js';
import { registerSearchTools } from './search-tools.js';
import { registerSourceTools } from './source-tools.js';

/** Told to clients in `initialize`; some put it into the model's system prompt. */
export const serverInstructions =
  'Archon: a knowledge base of engineering patterns plus docs the user ingested, and an engineer that implements specs until checks pass. Search before designing; cite passages as uri:lines.';

/** Names of the tools, in the order they are listed. */
export const toolNames = [
  'search_knowledge',
  'search_code_examples',
  'list_sources',
  'add_source',
  'read_document',
  'implement',
  'get_run',
] as const;

/** Largest number of values (array items, object members) in one tool call's arguments. */
const maximumToolInputElements = 2000;

/**
 * The SDK builds a JSON-schema validator (an Ajv instance) per server unless given
 * one; it only serves elicitation, which we never use. Sharing one keeps a server
 * cheap to build, as stateless HTTP builds one per request.
 */
let sharedValidator: AjvJsonSchemaValidator | undefined;

/** An McpServer whose every transport answers malformed requests first (see `request-guard.ts`). */
class GuardedMcpServer extends McpServer {
  override connect(transport: Transport): Promise<void> {
    return super.connect(new RequestGuard(transport));
  }
}

/** A new MCP server over `dependencies`; connect it to one transport. */
export function createMcpServer(dependencies: McpDependencies): McpServer {
  sharedValidator ??= new AjvJsonSchemaValidator();
  const server = new GuardedMcpServer(
    { name: 'archon', version: dependencies.version ?? '0.0.0' },
    {
      instructions: serverInstructions,
      maxToolInputElements: maximumToolInputElements,
      jsonSchemaValidator: sharedValidator,
    },
  );
  registerSearchTools(server, dependencies);
  registerSourceTools(server, dependencies);
  registerRunTools(server, dependencies);
  registerKnowledgeResources(server, dependencies);
  return server;
}
