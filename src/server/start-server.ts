/**
 * `archon serve`: the HTTP app on a Node listener, with the safety rules of
 * listening beyond this machine (API keys required; refuse to start without one),
 * job recovery before the first request, Node's own timeouts against slow clients,
 * and a graceful `close()` for SIGTERM: new requests 503, in-flight requests finish,
 * runs are cancelled and marked, ingests parked, then the stores are closed.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAdaptorServer } from '@hono/node-server';

import type { Cache } from '../core/cache.js';
import { ArchonError, ErrorCode } from '../core/errors.js';
import { cacheCheck } from '../observability/health-checks.js';
import { ConnectionTracker } from './connection-tracker.js';
import type { RecoverySummary } from './jobs/job-runner.js';
import { isLoopbackHost } from './loopback-host.js';
import { registerModelReadiness } from './model-readiness.js';
import { createServerApp, type ServerApp } from './server-app.js';
import type { ServerAppOptions } from './server-options.js';

export interface StartServerOptions extends ServerAppOptions {
  /** Interface to listen on; beyond loopback, API keys are required. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** How long `close()` waits for requests and jobs before cutting connections. Default 10 s. */
  readonly shutdownGraceMs?: number;
  /** The search cache, for the `cache` readiness check (required when shared, i.e. Redis). */
  readonly cache?: Cache;
  /** Closes the stores once the server has stopped. Default: the knowledge base, the cache, and `runs` and `apiKeys` when they have `close()`. */
  readonly closeResources?: () => Promise<void>;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly serverApp: ServerApp;
  readonly recovery: RecoverySummary;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const requireAuth = options.requireAuth === true || !isLoopbackHost(options.host);
  if (requireAuth && !(await options.apiKeys.hasActiveKeys())) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `refusing to listen on ${options.host} without an API key: create one with \`archon keys create <name>\`, or listen on 127.0.0.1`,
    );
  }
  const serverApp = createServerApp({ ...options, requireAuth });
  // The `model` readiness check, when a model is configured (optional unless the settings require it).
  registerModelReadiness(options.health, options.settings);
  if (options.cache !== undefined) {
    const required = options.cache.kind !== 'memory';
    options.health.register('cache', cacheCheck(options.cache), { required });
  }
  const recovery = await serverApp.recover();
  const server = createAdaptorServer({
    fetch: serverApp.app.fetch,
    hostname: options.host,
    port: options.port,
  }) as Server;
  // Slow clients: the whole request must arrive within the request timeout.
  server.requestTimeout = serverApp.limits.requestTimeoutMs;
  server.headersTimeout = Math.min(60_000, serverApp.limits.requestTimeoutMs);
  const connections = new ConnectionTracker(server);
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  const host =
    options.host.includes(':') && !options.host.startsWith('[')
      ? `[${options.host}]`
      : options.host;
  options.logger.info(
    {
      host: options.host,
      port,
      requireAuth,
      recovery: { ...recovery, idempotencyKeys: recovery.idempotencyKeys.length },
    },
    'server listening',
  );

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const graceMs = options.shutdownGraceMs ?? 10_000;
      options.logger.info({ graceMs }, 'server shutting down');
      // The listener stays open while draining: a request that still arrives gets 503, not a refused connection.
      const { settled } = await serverApp.shutdown({ graceMs });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.drain();
      if (!settled) connections.destroyAll();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        connections.whenEmpty(),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      connections.destroyAll();
      await closed;
      await (options.closeResources ?? (() => closeDefaultResources(options)))();
      options.logger.info('server stopped');
    })());
  return { url: `http://${host}:${port}`, port, serverApp, recovery, close };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : error.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine`
            : error.message;
      reject(
        new ArchonError(ErrorCode.InvalidConfig, `cannot listen: ${reason}`, { cause: error }),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function closeDefaultResources(options: StartServerOptions): Promise<void> {
  for (const resource of [options.runs, options.apiKeys, options.cache] as unknown[]) {
    const close = (resource as { close?: unknown } | null)?.close;
    if (typeof close === 'function') await (close as () => Promise<void>).call(resource);
  }
  await options.knowledgeBase.close();
}
