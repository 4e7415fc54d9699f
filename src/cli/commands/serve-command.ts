/**
 * `archon serve`: the HTTP API, the MCP endpoint at /mcp, health, readiness and
 * metrics in one process, with JSON logs and a graceful stop on SIGTERM.
 */
import { join, resolve } from 'node:path';

import type { Command } from 'commander';

import { createCache } from '../../cache/create-cache.js';
import { openRunStore } from '../../engineer/open-run-store.js';
import { createMcpHttpHandler } from '../../mcp/index.js';
import { createHealthRegistry, createLogger, createMetrics } from '../../observability/index.js';
import { isLoopbackHost } from '../../server/loopback-host.js';
import { startServer } from '../../server/start-server.js';
import { SqliteApiKeyStore } from '../../storage/sqlite/sqlite-api-keys.js';
import type { CliContext } from '../cli-context.js';
import { parseNonNegative } from '../option-parsers.js';
import { packageVersion } from '../package-version.js';

interface ServeOptions {
  host: string;
  port: number;
  allowPath?: string[];
}

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('serve the HTTP API (/v1), MCP (/mcp), /health, /ready and /metrics')
    .option(
      '--host <host>',
      'interface to listen on; beyond loopback API keys are required',
      '127.0.0.1',
    )
    .option('--port <port>', 'port (0 picks a free one)', parseNonNegative('--port'), 8000)
    .option(
      '--allow-path <dir>',
      'directory that ingest paths and workspaces must be inside (repeatable; beyond loopback: the current directory by default)',
      (value: string, previous: string[] = []) => [...previous, resolve(value)],
    )
    .action(async (options: ServeOptions) => {
      const settings = context.settings;
      const logger = createLogger({ level: settings.logLevel });
      const metrics = createMetrics();
      const cache = createCache(settings.cache, { logger });
      const knowledgeBase = await context
        .knowledgeBase({
          withPack: true,
          searchCache: {
            cache,
            ttlSeconds: settings.cache.ttlSeconds,
            onLookup: (hit) => metrics.recordCacheLookup('search', hit),
          },
        })
        .catch(async (error: unknown) => {
          await cache.close();
          throw error;
        });
      const runs = await openRunStore(settings.home);
      const apiKeys = new SqliteApiKeyStore(join(settings.home, 'archon.db'));
      await apiKeys.open();
      const version = packageVersion();
      const allowedPaths =
        options.allowPath ?? (isLoopbackHost(options.host) ? undefined : [process.cwd()]);
      const server = await startServer({
        ...(allowedPaths ? { allowedPaths } : {}),
        host: options.host,
        port: options.port,
        knowledgeBase,
        runs,
        settings,
        logger,
        metrics,
        cache,
        health: createHealthRegistry(),
        apiKeys,
        version,
        ...(settings.model !== undefined ? { languageModel: () => context.languageModel() } : {}),
        closeResources: async () => {
          await apiKeys.close();
          await runs.close();
          await cache.close();
        },
      });
      server.serverApp.mountMcp(
        createMcpHttpHandler({
          host: options.host,
          requireAuth: server.serverApp.requireAuth,
          verifyKey: async (key) => (await apiKeys.verify(key)) !== null,
          dependencies: {
            knowledgeBase,
            runs,
            startImplement: (request) => server.serverApp.startImplement(request),
            checkPath: (path, what) => server.serverApp.checkPath(path, what),
            urlPolicy: server.serverApp.urlPolicy,
            version,
            onUnexpectedError: (error, where) =>
              logger.error({ err: error, where }, 'unexpected MCP error'),
          },
        }),
      );
      context.io.stderr(`archon: serving on ${server.url} (MCP at ${server.url}/mcp)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void server.close().then(resolve, resolve);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
