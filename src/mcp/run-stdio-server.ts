/**
 * `archon mcp`: the MCP server over standard input and output, as agents such as
 * Claude Code and Cursor start it. Standard output carries protocol messages only, so
 * nothing else may write to it while the server runs (logs go to standard error).
 */
import type { Readable, Writable } from 'node:stream';

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export interface StdioServerOptions {
  /** Standard input by default. */
  readonly input?: Readable;
  /** Standard output by default. */
  readonly output?: Writable;
}

export interface StdioServerSession {
  /** Settles when the session ends: the client closed the input stream, or `close()` ran. */
  readonly closed: Promise<void>;
  /** Ends the session now. */
  close(): Promise<void>;
}

/** Connects `server` to stdio and returns once it is listening. */
export async function runStdioServer(
  server: McpServer,
  options: StdioServerOptions = {},
): Promise<StdioServerSession> {
  const input = options.input ?? process.stdin;
  const transport = new StdioServerTransport(input, options.output ?? process.stdout);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  // The SDK's transport ignores the end of its input; a client that closes our stdin is gone.
  const onEnd = (): void => void server.close().catch(() => undefined);
  input.once('end', onEnd);
  server.server.onclose = () => {
    input.off('end', onEnd);
    resolveClosed();
  };
  await server.connect(transport);
  return {
    closed,
    close: async () => {
      await server.close();
      await closed;
    },
  };
}
