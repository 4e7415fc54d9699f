/**
 * Sources and documents: list, ingest (a durable job, answered 202 at once), remove,
 * and read one document with its chunks. An ingest request is checked before the
 * job exists (targets, path policy, source name), so a bad one fails with 4xx now
 * rather than as a failed job later.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';

import { isUrl, resolveIngestTargets } from '../../knowledge/ingest/ingest-targets.js';
import { jobView } from '../jobs/job-view.js';
import {
  commonErrorResponses,
  forbiddenResponse,
  idParameterSchema,
  notFoundResponse,
  unsupportedMediaResponse,
} from '../schemas/error-schema.js';
import {
  documentResponseSchema,
  type IngestRequestBody,
  ingestRequestSchema,
  jobSchema,
  removedSourceSchema,
  sourceListSchema,
} from '../schemas/knowledge-schemas.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';

const listSourcesRoute = createRoute({
  method: 'get',
  path: '/v1/sources',
  tags: ['knowledge'],
  summary: 'List sources with their sizes',
  responses: {
    200: {
      description: 'Every source.',
      content: { 'application/json': { schema: sourceListSchema } },
    },
    ...commonErrorResponses,
  },
});

const ingestRoute = createRoute({
  method: 'post',
  path: '/v1/sources',
  tags: ['knowledge'],
  summary: 'Ingest paths on the server or URLs, as a job',
  request: {
    body: { required: true, content: { 'application/json': { schema: ingestRequestSchema } } },
  },
  responses: {
    202: {
      description: 'The queued ingest job; follow `Location` (GET /v1/jobs/{id}).',
      content: { 'application/json': { schema: jobSchema } },
    },
    ...commonErrorResponses,
    ...forbiddenResponse,
    ...notFoundResponse,
    ...unsupportedMediaResponse,
  },
});

const removeSourceRoute = createRoute({
  method: 'delete',
  path: '/v1/sources/{id}',
  tags: ['knowledge'],
  summary: 'Remove a source (by id or name) with its documents',
  request: { params: idParameterSchema },
  responses: {
    200: {
      description: 'What was removed.',
      content: { 'application/json': { schema: removedSourceSchema } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

const documentRoute = createRoute({
  method: 'get',
  path: '/v1/documents/{id}',
  tags: ['knowledge'],
  summary: 'Read a document with its chunks',
  request: { params: idParameterSchema },
  responses: {
    200: {
      description: 'The document.',
      content: { 'application/json': { schema: documentResponseSchema } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

export function registerSourceRoutes(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
): void {
  app.openapi(listSourcesRoute, async (context) =>
    context.json({ sources: await services.knowledgeBase.listSources() }, 200),
  );

  app.openapi(ingestRoute, async (context) => {
    const request = checkIngest(context.req.valid('json'), services);
    const job = await services.jobs.submitIngest(request);
    context.header('Location', `/v1/jobs/${job.id}`);
    return context.json(jobView(job), 202);
  });

  app.openapi(removeSourceRoute, async (context) =>
    context.json(await services.knowledgeBase.removeSource(context.req.valid('param').id), 200),
  );

  app.openapi(documentRoute, async (context) => {
    const found = await services.knowledgeBase.getDocument(context.req.valid('param').id);
    return context.json(found, 200);
  });
}

/** The request with its paths made canonical; throws the core's 4xx errors for bad targets. */
function checkIngest(body: IngestRequestBody, services: ServerServices): IngestRequestBody {
  const targets = body.targets.map((target) =>
    isUrl(target.trim()) ? target.trim() : services.paths.check(target, 'an ingest path'),
  );
  const request = { ...body, targets };
  // Validates targets, their kinds, the depth, the source name and URL literals (403 URL_NOT_ALLOWED);
  // the stream it builds is lazy and dropped. Host names are checked when the job connects.
  resolveIngestTargets(
    { ...request, urlPolicy: services.urlPolicy },
    { settings: services.knowledgeBase.settings.ingest },
  );
  return request;
}
