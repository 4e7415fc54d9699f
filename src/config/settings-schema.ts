/**
 * The one validated settings object of Archon Engineer. Built by `loadSettings` from
 * defaults, an optional config file and environment variables, then passed in: no
 * other module reads `process.env`.
 */
import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** The pino levels, and `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const embeddingSettingsSchema = z
  .object({
    provider: z.enum(['hash', 'openai-compatible']).default('hash'),
    model: z.string().min(1).optional(),
    dimensions: positiveInt.max(8192).optional(),
    baseUrl: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    batchSize: positiveInt.max(2048).optional(),
    concurrency: positiveInt.max(64).default(2),
    timeoutMs: positiveInt.optional(),
    maxRetries: z.number().int().min(0).max(20).optional(),
  })
  .strict();

export const ingestSettingsSchema = z
  .object({
    maxFileBytes: positiveInt.default(2 * 1024 * 1024),
    targetTokens: positiveInt.min(32).default(350),
    maxTokens: positiveInt.min(64).default(700),
    /** Markdown sections shorter than this share chunks; unset: half of targetTokens; 0: never. */
    mergeSectionsBelow: z.number().int().min(0).optional(),
    pageLimit: positiveInt.default(100),
    crawlConcurrency: positiveInt.max(32).default(4),
    /**
     * Most threads that load, chunk and embed while the ingest thread writes; unset: one
     * per core up to 4 (none on one core). One fewer start; the last joins when the
     * ingest thread spends most of its time waiting for them.
     */
    workerThreads: z.number().int().min(0).max(16).optional(),
    /**
     * Bytes an ingest prepares on its own thread before the rest goes to worker threads,
     * which start once more than 16 KiB came; a file not loaded yet counts as 16 KiB.
     */
    workerThresholdBytes: z
      .number()
      .int()
      .min(0)
      .default(64 * 1024),
    /**
     * Let the server (HTTP and MCP callers) ingest URLs on loopback, private (RFC 1918,
     * CGNAT) and unique-local addresses, for intranet docs. Link-local (cloud metadata),
     * unspecified, multicast and reserved addresses stay refused. The CLI is not guarded.
     */
    allowPrivateNetworks: z.boolean().default(false),
  })
  .strict()
  .refine((value) => value.targetTokens <= value.maxTokens, {
    message: 'targetTokens must not exceed maxTokens',
  })
  .refine(
    (value) =>
      value.mergeSectionsBelow === undefined || value.mergeSectionsBelow <= value.targetTokens,
    { message: 'mergeSectionsBelow must not exceed targetTokens' },
  );

export const searchSettingsSchema = z
  .object({
    limit: positiveInt.max(200).default(8),
    lexicalWeight: z.number().min(0).max(10).default(1),
    vectorWeight: z.number().min(0).max(10).default(1),
    /** The k of reciprocal rank fusion: larger flattens the rank curve. */
    rrfK: positiveInt.default(60),
    /** Candidates fetched from each retriever before fusion, per requested result. */
    candidateMultiplier: positiveInt.max(50).default(4),
    hnswThreshold: positiveInt.default(5_000),
  })
  .strict();

/** The shared cache of search results: Redis when `url` is set, else in-process memory. */
export const cacheSettingsSchema = z
  .object({
    /** `redis://` or `rediss://` URL (may hold a password: never logged). */
    url: z
      .url({ protocol: /^rediss?$/, error: 'cache.url must be a redis:// or rediss:// URL' })
      .optional(),
    /** How long a cached search result lives; writes make it unreachable sooner. */
    ttlSeconds: positiveInt.max(30 * 24 * 3600).default(300),
    /** Entries the in-process cache keeps (ignored with Redis). */
    maxEntries: positiveInt.max(10_000_000).default(10_000),
    /** Bytes the in-process cache keeps (ignored with Redis). */
    maxBytes: positiveInt.default(64 * 1024 * 1024),
  })
  .strict();

export const settingsSchema = z
  .object({
    home: z.string().min(1),
    databaseUrl: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    /** Where and how to reach the language model: base URL and keys (never logged). */
    modelAccess: z
      .object({
        baseUrl: z.url().optional(),
        apiKey: z.string().min(1).optional(),
        openaiApiKey: z.string().min(1).optional(),
        anthropicApiKey: z.string().min(1).optional(),
        /** Per-request timeout of model calls, in milliseconds. */
        timeoutMs: positiveInt.optional(),
        /** Whether `GET /ready` fails (503) while the model provider does not answer. */
        requiredForReadiness: z.boolean().default(false),
      })
      .strict()
      .default({ requiredForReadiness: false }),
    embedding: embeddingSettingsSchema.default({ provider: 'hash', concurrency: 2 }),
    ingest: ingestSettingsSchema.default({
      maxFileBytes: 2 * 1024 * 1024,
      targetTokens: 350,
      maxTokens: 700,
      pageLimit: 100,
      crawlConcurrency: 4,
      workerThresholdBytes: 64 * 1024,
      allowPrivateNetworks: false,
    }),
    search: searchSettingsSchema.default({
      limit: 8,
      lexicalWeight: 1,
      vectorWeight: 1,
      rrfK: 60,
      candidateMultiplier: 4,
      hnswThreshold: 5_000,
    }),
    cache: cacheSettingsSchema.default({
      ttlSeconds: 300,
      maxEntries: 10_000,
      maxBytes: 64 * 1024 * 1024,
    }),
    /** Whether the built-in engineering pack is ingested on first use. */
    knowledgePack: z.boolean().default(true),
    /** Level of the server's JSON log lines. */
    logLevel: z.enum(logLevels).default('info'),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type EmbeddingSettings = z.infer<typeof embeddingSettingsSchema>;
export type SearchSettings = z.infer<typeof searchSettingsSchema>;
export type CacheSettings = z.infer<typeof cacheSettingsSchema>;
export type IngestSettings = z.infer<typeof ingestSettingsSchema>;
