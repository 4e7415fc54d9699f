/**
 * The routes operators and orchestrators call: `GET /health` (the process answers),
 * `GET /ready` (every required check passes; 503 otherwise, and from the start of a
 * shutdown), `GET /metrics` (Prometheus text).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';

import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  summary: 'Liveness: the process answers',
  responses: {
    200: {
      description: 'Alive.',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }),
        },
      },
    },
  },
});

const checkSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail']),
  required: z.boolean(),
  latencyMs: z.number(),
  detail: z.unknown().optional(),
  error: z.string().optional(),
});
const readinessSchema = z
  .object({ status: z.enum(['ready', 'not-ready']), checks: z.array(checkSchema).readonly() })
  .openapi('Readiness');

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  summary: 'Readiness: database, model provider and other registered checks',
  responses: {
    200: { description: 'Ready.', content: { 'application/json': { schema: readinessSchema } } },
    503: {
      description: 'A required check fails, or the server is shutting down.',
      content: { 'application/json': { schema: readinessSchema } },
    },
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus metrics',
  responses: {
    200: { description: 'Exposition text.', content: { 'text/plain': { schema: z.string() } } },
  },
});

export function registerOperationsRoutes(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
): void {
  app.openapi(healthRoute, (context) => context.json(services.health.liveness(), 200));

  app.openapi(readyRoute, async (context) => {
    const report = await services.health.readiness();
    return report.status === 'ready' ? context.json(report, 200) : context.json(report, 503);
  });

  app.openapi(metricsRoute, async (context) => {
    const { contentType, body } = await services.metrics.render();
    return context.body(body, 200, { 'Content-Type': contentType }) as never;
  });
}
