/** Request and response shapes of `POST /v1/search`. */
import { z } from '@hono/zod-openapi';

const label = z.string().min(1).max(200);

export const searchRequestSchema = z
  .object({
    query: z.string().min(1).max(4000).openapi({ example: 'retry with exponential backoff' }),
    limit: z.number().int().min(1).max(200).optional(),
    mode: z.enum(['hybrid', 'lexical', 'vector']).optional(),
    filter: z
      .object({
        sources: z.array(label).max(50).optional().openapi({ description: 'Source names or ids.' }),
        tags: z.array(label).max(50).optional(),
        languages: z.array(label).max(50).optional(),
        kind: z.enum(['text', 'code']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('SearchRequest');

export type SearchRequestBody = z.infer<typeof searchRequestSchema>;

const citationSchema = z
  .object({
    sourceId: z.string(),
    sourceName: z.string(),
    documentId: z.string(),
    uri: z.string(),
    title: z.string(),
    headingPath: z.array(z.string()).readonly(),
    startLine: z.number().int(),
    endLine: z.number().int(),
  })
  .openapi('Citation');

const componentSchema = z.object({ rank: z.number().int(), score: z.number() });

export const searchResultSchema = z
  .object({
    chunkId: z.number().int(),
    kind: z.enum(['text', 'code']),
    language: z.string(),
    text: z.string(),
    context: z.string(),
    score: z.number(),
    components: z.object({
      lexical: componentSchema.optional(),
      vector: componentSchema.optional(),
    }),
    citation: citationSchema,
    duplicates: z.number().int(),
  })
  .openapi('SearchResult');

export const searchResponseSchema = z
  .object({ results: z.array(searchResultSchema).readonly() })
  .openapi('SearchResponse');
