/**
 * Agent runs: create (implement or ask, answered 202 with the run's links; honours
 * Idempotency-Key through the middleware in front), read, and cancel. Each run is a
 * job whose id is the run id.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { RunAdmission } from '../jobs/run-admission.js';
import { acceptedRun, isTerminal, type RunView, runView } from '../jobs/run-view.js';
import {
  commonErrorResponses,
  conflictResponse,
  forbiddenResponse,
  idempotencyResponse,
  idParameterSchema,
  notFoundResponse,
  unsupportedMediaResponse,
} from '../schemas/error-schema.js';
import {
  acceptedRunSchema,
  createRunRequestSchema,
  runViewSchema,
} from '../schemas/run-schemas.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';

/** How long `cancel` waits for the run to record its end before answering 202. */
const cancelWaitMilliseconds = 5_000;

const createRunRoute = createRoute({
  method: 'post',
  path: '/v1/runs',
  tags: ['runs'],
  summary: 'Start an implement or ask run',
  description:
    'Send `Idempotency-Key` to make retries safe: the same key and body replay the first answer, ' +
    'another body gets 422, a retry while the first request is in flight gets 409.',
  request: {
    body: { required: true, content: { 'application/json': { schema: createRunRequestSchema } } },
  },
  responses: {
    202: {
      description: 'The run is queued; follow `links.events` for its events.',
      content: { 'application/json': { schema: acceptedRunSchema } },
    },
    ...commonErrorResponses,
    ...forbiddenResponse,
    ...notFoundResponse,
    ...conflictResponse,
    ...unsupportedMediaResponse,
    ...idempotencyResponse,
  },
});

const getRunRoute = createRoute({
  method: 'get',
  path: '/v1/runs/{id}',
  tags: ['runs'],
  summary: 'Read a run, with its report once it has ended',
  request: { params: idParameterSchema },
  responses: {
    200: { description: 'The run.', content: { 'application/json': { schema: runViewSchema } } },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

const cancelRunRoute = createRoute({
  method: 'post',
  path: '/v1/runs/{id}/cancel',
  tags: ['runs'],
  summary: 'Cancel a queued or running run',
  request: { params: idParameterSchema },
  responses: {
    200: {
      description: 'The run, cancelled.',
      content: { 'application/json': { schema: runViewSchema } },
    },
    202: {
      description: 'Cancellation requested; the run has not recorded its end yet.',
      content: { 'application/json': { schema: runViewSchema } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

/** The view of run `id`; NOT_FOUND when there is none. */
export async function loadRunView(services: ServerServices, id: string): Promise<RunView> {
  const [job, run] = await Promise.all([
    services.knowledgeBase.store.getJob(id),
    services.runs.getRun(id),
  ]);
  const view = runView(job, run);
  if (view === null) {
    throw new ArchonError(ErrorCode.NotFound, `no run with id '${id}'`, { details: { id } });
  }
  return view;
}

export function registerRunRoutes(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
  admission: RunAdmission,
): void {
  app.openapi(createRunRoute, async (context) => {
    const job = await admission.admit(
      context.req.valid('json'),
      context.get('principal').id,
      context.get('idempotency'),
    );
    context.set('acceptedRunId', job.id);
    const accepted = acceptedRun(job);
    context.header('Location', accepted.links.self);
    return context.json(accepted, 202);
  });

  app.openapi(getRunRoute, async (context) =>
    context.json(await loadRunView(services, context.req.valid('param').id), 200),
  );

  app.openapi(cancelRunRoute, async (context) => {
    const { id } = context.req.valid('param');
    const before = await loadRunView(services, id);
    if (isTerminal(before.state)) {
      throw new ArchonError(ErrorCode.Conflict, `run ${id} has already ended (${before.state})`);
    }
    if (!services.jobs.cancelRun(id)) {
      throw new ArchonError(
        ErrorCode.Conflict,
        `run ${id} is not running in this server process, so it cannot be cancelled here`,
      );
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      services.jobs.whenEnded(id),
      new Promise((resolve) => (timer = setTimeout(resolve, cancelWaitMilliseconds))),
    ]);
    clearTimeout(timer);
    const after = await loadRunView(services, id);
    return isTerminal(after.state) ? context.json(after, 200) : context.json(after, 202);
  });
}
