/** Serves the OpenAPI 3.1 description of the API at `/openapi.json`, with its security schemes. */
import type { OpenAPIHono } from '@hono/zod-openapi';

import type { ServerEnvironment } from './server-environment.js';

export const openApiPath = '/openapi.json';

export function registerOpenApiDocument(
  app: OpenAPIHono<ServerEnvironment>,
  version: string,
  requireAuth: boolean,
): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `archon keys create`.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'headerKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
  });
  app.doc31(openApiPath, {
    openapi: '3.1.0',
    info: {
      title: 'Archon Engineer API',
      version,
      description:
        'Knowledge base search and ingest, and agent runs (implement, ask). Errors are ' +
        '`{ "error": { "code", "message" } }` with a stable code. Every response carries X-Request-Id.',
    },
    ...(requireAuth ? { security: [{ bearerKey: [] }, { headerKey: [] }] } : {}),
  });
}
