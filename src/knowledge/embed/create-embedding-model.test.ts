import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { createEmbeddingModel, type EmbeddingModelConfig } from './create-embedding-model.js';

describe('createEmbeddingModel', () => {
  it('builds the hashing embedder, with its default or a given dimension', () => {
    expect(createEmbeddingModel({ provider: 'hash' })).toMatchObject({
      id: 'hash:v2',
      dimensions: 384,
    });
    expect(createEmbeddingModel({ provider: 'hash', model: 'hash:v1' })).toMatchObject({
      id: 'hash:v1',
    });
    expect(createEmbeddingModel({ provider: 'hash', dimensions: 256 })).toMatchObject({
      dimensions: 256,
    });
  });

  it('builds the OpenAI-compatible client with its settings', () => {
    const model = createEmbeddingModel({
      provider: 'openai-compatible',
      model: 'text-embedding-3-small',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-x',
      dimensions: 1536,
      batchSize: 32,
      timeoutMs: 10_000,
      maxRetries: 2,
    });
    expect(model).toMatchObject({
      id: 'openai-compatible:text-embedding-3-small',
      dimensions: 1536,
      maxBatchSize: 32,
    });
  });

  it.each([
    [{ provider: 'openai-compatible', model: 'm', dimensions: 8 }, 'need baseUrl'],
    [{ provider: 'openai-compatible', baseUrl: 'http://x', dimensions: 8 }, 'need model'],
    [{ provider: 'openai-compatible', baseUrl: 'http://x', model: 'm' }, 'need dimensions'],
    [{ provider: 'openai-compatible' }, 'need baseUrl, model, dimensions'],
    [
      {
        provider: 'openai-compatible',
        baseUrl: 'http://x',
        model: 'm',
        dimensions: 8,
        batchSize: 0,
      },
      'batchSize',
    ],
    [{ provider: 'hash', dimensions: 2 }, 'dimensions must be an integer from 8'],
    [{ provider: 'sentence-transformers' }, "unknown embedding provider 'sentence-transformers'"],
  ])('refuses %j with INVALID_CONFIG', (config, message) => {
    let thrown: unknown;
    try {
      createEmbeddingModel(config as EmbeddingModelConfig);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: ErrorCode.InvalidConfig });
    expect((thrown as Error).message).toContain(message);
  });
});
