/**
 * The HTTP API as a Hono app over the core functions: middleware in the order a
 * request meets it (request ID and access log, shutdown gate, API key, rate limit,
 * body limit and timeout under /v1, Idempotency-Key on run creation), the routes,
 * the OpenAPI 3.1 document, and the job runner behind ingest and runs. Starting a
 * listener is `startServer`'s job; this module does no I/O of its own.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { UrlPolicy } from '../knowledge/ingest/web/network/url-policy.js';
import { ensureEngineeringPack } from '../knowledge/pack/engineering-pack.js';
import { databaseCheck } from '../observability/health-checks.js';
import { errorResponder, notFoundResponder } from './error-responder.js';
import { JobRunner, type RecoverySummary } from './jobs/job-runner.js';
import { RunAdmission } from './jobs/run-admission.js';
import { RunChangeNotifier } from './jobs/run-change-notifier.js';
import { acceptedRun } from './jobs/run-view.js';
import { type McpMount, mountMcpHandler } from './mcp-mount.js';
import { authentication } from './middleware/authentication.js';
import { idempotency } from './middleware/idempotency.js';
import { IdempotencyRegistry } from './middleware/idempotency-registry.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestBodyLimit } from './middleware/request-body-limit.js';
import { requestContext } from './middleware/request-context.js';
import { RequestGate } from './middleware/request-gate.js';
import { TokenBuckets } from './middleware/token-bucket.js';
import { registerOpenApiDocument } from './openapi-document.js';
import { PathPolicy } from './path-policy.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerOperationsRoutes } from './routes/operations-routes.js';
import { registerRunEventsRoute } from './routes/run-events-route.js';
import { registerRunRoutes } from './routes/run-routes.js';
import { registerSearchRoutes } from './routes/search-routes.js';
import { registerSourceRoutes } from './routes/source-routes.js';
import type { ServerEnvironment } from './server-environment.js';
import { defaultServerLimits, type ServerAppOptions, type ServerLimits } from './server-options.js';
import type { ServerServices } from './server-services.js';
import { validationHook } from './validation-errors.js';

/** Paths anyone may call: the probes of an orchestrator, which sends no credentials. */
export const publicPaths: ReadonlySet<string> = new Set(['/health', '/ready']);

export interface ServerApp {
  readonly app: OpenAPIHono<ServerEnvironment>;
  readonly jobs: JobRunner;
  readonly limits: ServerLimits;
  readonly requireAuth: boolean;
  /** Requests inside the app now. */
  readonly inFlightRequests: number;
  /** Starts an implement run and resolves once it is recorded (the MCP `implement` tool's contract). */
  startImplement(request: {
    spec: string;
    workspace: string;
    checks: readonly string[];
  }): Promise<{ runId: string }>;
  /**
   * The server's path policy (absolute, no NUL, inside `allowedPaths` after resolving
   * links): returns the canonical path or throws INVALID_INPUT / WORKSPACE_VIOLATION.
   * For the MCP server's `checkPath`.
   */
  checkPath(path: string, what: string): string;
  /** The SSRF guard of URL ingestion (from `ingest.allowPrivateNetworks`), for the MCP server's `urlPolicy`. */
  readonly urlPolicy: UrlPolicy;
  /** Serves an MCP endpoint at `/mcp`; once. */
  mountMcp(mount: McpMount): void;
  /** Resumes or fails the jobs a previous process left, and restores Idempotency-Keys. Once, before serving. */
  recover(): Promise<RecoverySummary>;
  /**
   * Graceful stop of the app (not of the stores): new requests get 503, event streams
   * end, runs are cancelled and marked, ingests parked for the next start; resolves
   * when in-flight requests and jobs have settled, or after `graceMs`.
   */
  shutdown(options?: { graceMs?: number }): Promise<{ settled: boolean }>;
}

/** Builds the HTTP app over the core objects in `options`. */
export function createServerApp(options: ServerAppOptions): ServerApp {
  const limits: ServerLimits = { ...defaultServerLimits, ...options.limits };
  const clock = options.clock ?? Date.now;
  const { logger, metrics, health, knowledgeBase } = options;
  const requireAuth = options.requireAuth ?? false;
  const notifier = new RunChangeNotifier();
  const runs = notifier.wrap(options.runs);
  let packEnsured: Promise<void> | null = null;
  const urlPolicy: UrlPolicy = {
    allowPrivateNetworks: options.settings.ingest.allowPrivateNetworks,
  };
  const jobContext = {
    knowledgeBase,
    urlPolicy,
    runs,
    settings: options.settings,
    logger,
    metrics,
    clock,
    onRunJobChanged: (runId: string) => notifier.notify(runId),
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
    ...(options.runLimits ? { runLimits: options.runLimits } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
    ensurePack: () =>
      (packEnsured ??= ensureEngineeringPack(knowledgeBase).then(
        () => undefined,
        (error: unknown) => {
          packEnsured = null;
          logger.warn(
            { err: error },
            'could not ingest the engineering pack; runs go on without it',
          );
        },
      )),
  };
  const jobs = new JobRunner(jobContext, { ingestConcurrency: limits.ingestConcurrency });
  const shutdownController = new AbortController();
  const paths = new PathPolicy(options.allowedPaths);
  const services: ServerServices = {
    knowledgeBase,
    runs,
    jobs,
    notifier,
    metrics,
    health,
    idempotency: new IdempotencyRegistry({ clock }),
    paths,
    urlPolicy,
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
    maxConcurrentRuns: limits.maxConcurrentRuns,
    shutdownSignal: shutdownController.signal,
    eventPollIntervalMs: limits.eventPollIntervalMs,
    heartbeatIntervalMs: limits.heartbeatIntervalMs,
  };
  const admission = new RunAdmission({
    jobs,
    paths,
    notifier,
    context: jobContext,
    maxConcurrentRuns: limits.maxConcurrentRuns,
  });
  const gate = new RequestGate();

  if (options.registerDatabaseCheck ?? true) {
    health.register('database', databaseCheck(knowledgeBase), { required: true });
  }
  metrics.setJobCountsSource(async () => {
    const counts: Record<string, number> = {};
    for (const job of await knowledgeBase.store.listJobs())
      counts[job.state] = (counts[job.state] ?? 0) + 1;
    return counts;
  });

  const app = new OpenAPIHono<ServerEnvironment>({ defaultHook: validationHook });
  app.onError(errorResponder(logger));
  app.notFound(notFoundResponder(logger));
  app.use('*', requestContext({ logger, metrics }));
  app.use('*', gate.middleware);
  app.use('*', authentication({ apiKeys: options.apiKeys, required: requireAuth, publicPaths }));
  app.use(
    '*',
    rateLimit({
      buckets: new TokenBuckets({
        ratePerSecond: limits.requestsPerSecond,
        burst: limits.burst,
        clock,
      }),
      limitAnonymous: limits.limitAnonymous,
      exemptPaths: publicPaths,
    }),
  );
  app.use(
    '/v1/*',
    requestBodyLimit({
      maxSize: limits.bodyLimitBytes,
      onError: () => {
        throw new ArchonError(
          ErrorCode.PayloadTooLarge,
          `the request body is larger than ${limits.bodyLimitBytes} bytes`,
        );
      },
    }),
  );
  app.use(
    '/v1/*',
    timeout(
      limits.requestTimeoutMs,
      () => new HTTPException(504, { message: 'request timed out' }),
    ),
  );
  app.use('/v1/runs', async (context, next) =>
    context.req.method === 'POST' ? runIdempotency(context, next) : next(),
  );
  const runIdempotency = idempotency({
    registry: services.idempotency,
    replay: async (runId, context) => {
      const job = await knowledgeBase.store.getJob(runId);
      if (job === null)
        throw new ArchonError(ErrorCode.NotFound, `the run of this Idempotency-Key is gone`);
      const accepted = acceptedRun(job);
      return context.json(accepted, 202, { Location: accepted.links.self });
    },
  });

  registerSearchRoutes(app, services);
  registerSourceRoutes(app, services);
  registerJobRoutes(app, services);
  registerRunRoutes(app, services, admission);
  registerRunEventsRoute(app, services);
  registerOperationsRoutes(app, services);
  registerOpenApiDocument(app, options.version ?? '0.0.0', requireAuth);

  let mcpMounted = false;
  let recovered = false;
  return {
    app,
    jobs,
    limits,
    requireAuth,
    get inFlightRequests() {
      return gate.inFlight;
    },
    startImplement: (request) => admission.startImplement(request),
    checkPath: (path, what) => paths.check(path, what),
    urlPolicy,
    mountMcp(mount) {
      if (mcpMounted)
        throw new ArchonError(ErrorCode.Conflict, 'an MCP handler is already mounted');
      mcpMounted = true;
      mountMcpHandler(app, mount);
    },
    async recover() {
      if (recovered) throw new ArchonError(ErrorCode.Conflict, 'jobs were already recovered');
      recovered = true;
      const summary = await jobs.recover();
      for (const entry of summary.idempotencyKeys) {
        services.idempotency.complete(
          entry.principal,
          entry.key,
          entry.fingerprint,
          entry.runId,
          Date.parse(entry.createdAt),
        );
      }
      return summary;
    },
    async shutdown({ graceMs = 10_000 } = {}) {
      gate.beginDraining();
      health.markShuttingDown();
      shutdownController.abort();
      let timer: NodeJS.Timeout | undefined;
      const settled = await Promise.race([
        Promise.all([jobs.stop(), gate.whenIdle()]).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!settled)
        logger.warn({ graceMs }, 'shutdown grace period ended with work still in progress');
      return { settled };
    },
  };
}
