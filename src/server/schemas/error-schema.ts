/** The error body every route answers with, and the error responses routes declare. */
import { z } from '@hono/zod-openapi';

import { ErrorCode } from '../../core/errors.js';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]).openapi({
        example: 'INVALID_INPUT',
      }),
      message: z
        .string()
        .openapi({ example: 'query: Too small: expected string to have >=1 characters' }),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: errorBodySchema } } as const;

function errorResponse(description: string) {
  return { description, content: errorContent };
}

/** Error responses every route under /v1 may give. */
export const commonErrorResponses = {
  400: errorResponse('Invalid input (`INVALID_INPUT`), including malformed JSON.'),
  401: errorResponse('Missing, wrong or revoked API key (`UNAUTHORIZED`).'),
  413: errorResponse('Body over the size limit (`PAYLOAD_TOO_LARGE`).'),
  429: errorResponse('Rate limit reached (`RATE_LIMITED`); see `Retry-After`.'),
  500: errorResponse('Server fault (`INTERNAL`, `STORAGE_ERROR`, `INVALID_CONFIG`).'),
  503: errorResponse('Shutting down or database busy (`UNAVAILABLE`).'),
} as const;

export const forbiddenResponse = {
  403: errorResponse('A path outside the directories the server allows (`WORKSPACE_VIOLATION`).'),
} as const;
export const notFoundResponse = { 404: errorResponse('Not found.') } as const;
export const conflictResponse = { 409: errorResponse('Conflict with the current state.') } as const;
export const unsupportedMediaResponse = {
  415: errorResponse('Body not sent as application/json (`UNSUPPORTED_CONTENT`).'),
} as const;
export const upstreamResponse = {
  502: errorResponse('An embedding or model provider, or a fetched site, failed.'),
} as const;
export const idempotencyResponse = {
  422: errorResponse('Idempotency-Key reused with a different body (`IDEMPOTENCY_KEY_REUSED`).'),
} as const;

/** The `{id}` path parameter of every resource route. */
export const idParameterSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: 'id', in: 'path' },
      example: '3f2a9c1e-6b1d-4a7e-9d55-0c6f0e2b8a41',
    }),
});
