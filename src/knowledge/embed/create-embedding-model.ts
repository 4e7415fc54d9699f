/**
 * Builds the configured embedding model from plain settings (the shape of the
 * `embedding` settings), so entry points never pick an implementation themselves.
 */
import type { EmbeddingModel } from '../../core/embedding-model.js';
import { ArchonError, ErrorCode } from '../../core/errors.js';
import { createHashingEmbedderFor } from './hashing/hashing-embedder.js';
import { createOpenAICompatibleEmbedder } from './openai-compatible/openai-compatible-embedder.js';

/** Which embedding model to build and how to reach it. */
export interface EmbeddingModelConfig {
  readonly provider: 'hash' | 'openai-compatible';
  /**
   * Required for `openai-compatible`. For `hash`, the version (`hash:v1` or `hash:v2`);
   * unset, an existing knowledge base keeps the version it was built with and a new one
   * gets the latest.
   */
  readonly model?: string;
  /** Vector length: optional for `hash` (384), required for `openai-compatible`. */
  readonly dimensions?: number;
  /** Required for `openai-compatible`. */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly batchSize?: number;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  /** `openai-compatible` only: also send `dimensions` in each request. */
  readonly sendDimensions?: boolean;
  readonly headers?: Record<string, string>;
}

/** The embedding model `config` names; INVALID_CONFIG when a required setting is missing. */
export function createEmbeddingModel(config: EmbeddingModelConfig): EmbeddingModel {
  switch (config.provider) {
    case 'hash':
      return createHashingEmbedderFor(config);
    case 'openai-compatible': {
      const missing = (['baseUrl', 'model', 'dimensions'] as const).filter(
        (name) => config[name] === undefined,
      );
      if (missing.length > 0) {
        throw new ArchonError(
          ErrorCode.InvalidConfig,
          `openai-compatible embeddings need ${missing.join(', ')} (for example ARCHON_EMBEDDING_BASE_URL, ARCHON_EMBEDDING=openai-compatible:<model>, ARCHON_EMBEDDING_DIMENSIONS)`,
          { details: { missing } },
        );
      }
      return createOpenAICompatibleEmbedder({
        baseUrl: config.baseUrl as string,
        model: config.model as string,
        dimensions: config.dimensions as number,
        apiKey: config.apiKey,
        batchSize: config.batchSize,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
        sendDimensions: config.sendDimensions,
        headers: config.headers,
      });
    }
    default:
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `unknown embedding provider '${String((config as { provider: unknown }).provider)}': use 'hash' or 'openai-compatible'`,
      );
  }
}
