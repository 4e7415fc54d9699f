/** `POST /v1/search`: hybrid search with citations, through the core `search`. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';

import type { SearchFilter } from '../../core/knowledge-types.js';
import {
  commonErrorResponses,
  notFoundResponse,
  unsupportedMediaResponse,
  upstreamResponse,
} from '../schemas/error-schema.js';
import {
  type SearchRequestBody,
  searchRequestSchema,
  searchResponseSchema,
} from '../schemas/search-schemas.js';
import type { ServerEnvironment } from '../server-environment.js';
import type { ServerServices } from '../server-services.js';

const searchRoute = createRoute({
  method: 'post',
  path: '/v1/search',
  tags: ['knowledge'],
  summary: 'Search the knowledge base (BM25 + vectors, fused) with citations',
  request: {
    body: { required: true, content: { 'application/json': { schema: searchRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Ranked passages, best first.',
      content: { 'application/json': { schema: searchResponseSchema } },
    },
    ...commonErrorResponses,
    ...notFoundResponse,
    ...unsupportedMediaResponse,
    ...upstreamResponse,
  },
});

export function registerSearchRoutes(
  app: OpenAPIHono<ServerEnvironment>,
  services: ServerServices,
): void {
  app.openapi(searchRoute, async (context) => {
    const body = context.req.valid('json');
    const mode = body.mode ?? 'hybrid';
    const started = performance.now();
    const results = await services.knowledgeBase.search({
      query: body.query,
      mode,
      ...(body.limit !== undefined ? { limit: body.limit } : {}),
      ...(body.filter ? { filter: toFilter(body.filter) } : {}),
    });
    services.metrics.observeSearch({ mode, durationSeconds: (performance.now() - started) / 1000 });
    return context.json({ results }, 200);
  });
}

function toFilter(filter: NonNullable<SearchRequestBody['filter']>): SearchFilter {
  return {
    ...(filter.sources ? { sourceIds: filter.sources } : {}),
    ...(filter.tags ? { tags: filter.tags } : {}),
    ...(filter.languages ? { languages: filter.languages } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
}
