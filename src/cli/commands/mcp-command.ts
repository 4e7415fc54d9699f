/** `archon mcp`: the MCP server over stdio, for Claude Code, Cursor and other agents. */
import type { Command } from 'commander';

import { createCache } from '../../cache/create-cache.js';
import { createMcpServer, openMcpDependencies, runStdioServer } from '../../mcp/index.js';
import type { CliContext } from '../cli-context.js';
import { packageVersion } from '../package-version.js';

export function registerMcpCommand(program: Command, context: CliContext): void {
  program
    .command('mcp')
    .description('serve the knowledge base and the engineer over MCP on standard input and output')
    .action(async () => {
      const settings = context.settings;
      const warn = (fields: Record<string, unknown>, message: string): void =>
        context.io.stderr(`archon mcp: ${message} (${String(fields.reason)})\n`);
      const opened = await openMcpDependencies(settings, {
        searchCache: {
          cache: createCache(settings.cache, { logger: { warn } }),
          ttlSeconds: settings.cache.ttlSeconds,
        },
        ...(settings.model !== undefined ? { languageModel: () => context.languageModel() } : {}),
        version: packageVersion(),
        // stdout carries the protocol: diagnostics go to stderr only.
        onUnexpectedError: (error, where) =>
          context.io.stderr(
            `archon mcp: unexpected error in ${where}: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
      });
      try {
        const session = await runStdioServer(createMcpServer(opened.dependencies));
        const stop = (): void => void session.close();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        await session.closed;
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      } finally {
        await opened.close();
      }
    });
}
