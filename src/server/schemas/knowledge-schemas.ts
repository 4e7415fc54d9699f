/** Shapes of the knowledge routes: sources, ingest requests, documents and jobs. */
import { z } from '@hono/zod-openapi';

const text = (max: number) => z.string().min(1).max(max);

export const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['files', 'url', 'pack']),
    locations: z.array(z.string()).readonly(),
    tags: z.array(z.string()).readonly(),
    createdAt: z.string(),
    updatedAt: z.string(),
    documentCount: z.number().int(),
    chunkCount: z.number().int(),
    bytes: z.number().int(),
  })
  .openapi('Source');

export const sourceListSchema = z
  .object({ sources: z.array(sourceSchema).readonly() })
  .openapi('SourceList');

export const ingestRequestSchema = z
  .object({
    targets: z
      .array(text(4096))
      .min(1)
      .max(50)
      .openapi({ description: 'Paths on the server, or http(s) URLs; all of one kind.' }),
    source: text(64)
      .optional()
      .openapi({ description: 'Source name; derived from the first target when absent.' }),
    tags: z.array(text(100)).max(50).optional(),
    include: z.array(text(500)).max(100).optional(),
    exclude: z.array(text(500)).max(100).optional(),
    prune: z.boolean().optional(),
    depth: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .openapi({ description: 'Links to follow from a start URL.' }),
  })
  .strict()
  .openapi('IngestRequest');

export type IngestRequestBody = z.infer<typeof ingestRequestSchema>;

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'ingest' }),
    state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    input: z.unknown(),
    progress: z.unknown(),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Job');

export const removedSourceSchema = z
  .object({ source: z.string(), documents: z.number().int(), chunks: z.number().int() })
  .openapi('RemovedSource');

const chunkSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    ordinal: z.number().int(),
    kind: z.enum(['text', 'code']),
    text: z.string(),
    headingPath: z.array(z.string()).readonly(),
    startLine: z.number().int(),
    endLine: z.number().int(),
    language: z.string(),
    tokenCount: z.number().int(),
    context: z.string(),
  })
  .openapi('Chunk');

export const documentResponseSchema = z
  .object({
    document: z.object({
      id: z.string(),
      sourceId: z.string(),
      uri: z.string(),
      title: z.string(),
      contentHash: z.string(),
      language: z.string(),
      bytes: z.number().int(),
      tags: z.array(z.string()).readonly(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
    chunks: z.array(chunkSchema).readonly(),
  })
  .openapi('DocumentWithChunks');
