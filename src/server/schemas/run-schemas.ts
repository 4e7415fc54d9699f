/** Shapes of the run routes: the create request (implement or ask) and the run view. */
import { z } from '@hono/zod-openapi';

const implementRequestSchema = z
  .object({
    kind: z.literal('implement'),
    spec: z.string().min(1).max(200_000).openapi({ description: 'The task, in Markdown.' }),
    workspace: z
      .string()
      .min(1)
      .max(4096)
      .openapi({ description: 'Repository directory on the server.' }),
    checks: z
      .array(z.string().min(1).max(1000))
      .max(20)
      .optional()
      .openapi({ description: 'Commands that must pass, e.g. "npm test".' }),
    limits: z
      .object({
        maxSteps: z.number().int().min(1).max(10_000).optional(),
        maxCostUsd: z.number().positive().max(10_000).optional(),
        maxDurationMs: z
          .number()
          .int()
          .min(1000)
          .max(24 * 60 * 60 * 1000)
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const askRequestSchema = z
  .object({
    kind: z.literal('ask'),
    question: z.string().min(1).max(20_000),
    limit: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: 'Passages to retrieve.' }),
    useModel: z
      .boolean()
      .optional()
      .openapi({ description: 'Answer with the model (default) or with the passages alone.' }),
  })
  .strict();

export const createRunRequestSchema = z
  .discriminatedUnion('kind', [implementRequestSchema, askRequestSchema])
  .openapi('CreateRunRequest');

export type CreateRunRequest = z.infer<typeof createRunRequestSchema>;
export type ImplementRunRequest = z.infer<typeof implementRequestSchema>;
export type AskRunRequest = z.infer<typeof askRequestSchema>;

const linksSchema = z.object({ self: z.string(), events: z.string(), cancel: z.string() });

export const runStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const acceptedRunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['implement', 'ask']),
    state: z.literal('queued'),
    createdAt: z.string(),
    links: linksSchema,
  })
  .openapi('AcceptedRun');

export const runViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['implement', 'ask']),
    state: runStateSchema,
    input: z.string().openapi({ description: 'The spec or the question.' }),
    workspace: z.string().nullable(),
    model: z.string().nullable(),
    stopReason: z.string().nullable(),
    error: z.string().nullable(),
    report: z
      .unknown()
      .openapi({ description: 'The implementation report or the answer, once ended.' }),
    checkpointId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    links: linksSchema,
  })
  .openapi('Run');

export const eventsQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .openapi({
      param: { name: 'after', in: 'query' },
      description: 'Sequence to resume after; the Last-Event-ID header wins when both are sent.',
    }),
});
