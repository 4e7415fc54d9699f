/** `GET /v1/jobs/{id}`: the state, progress and result of an ingest or run job. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { jobView } from '../jobs/job-view.js';
import {
  commonErrorResponses,
  idParameterSchema,
  notFoundResponse,
} from '../schemas/error-schema.js';
import { jobSchema } from '../schemas/knowledge-schemas.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';

const jobRoute = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}',
  tags: ['jobs'],
  summary: 'Read a job',
  request: { params: idParameterSchema },
  responses: {
    200: { description: 'The job.', content: { 'application/json': { schema: jobSchema } } },
    ...commonErrorResponses,
    ...notFoundResponse,
  },
});

export function registerJobRoutes(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
): void {
  app.openapi(jobRoute, async (context) => {
    const { id } = context.req.valid('param');
    const job = await services.knowledgeBase.store.getJob(id);
    if (job === null) {
      throw new ArchonError(ErrorCode.NotFound, `no job with id '${id}'`, { details: { id } });
    }
    return context.json(jobView(job), 200);
  });
}
