/**
 * The embedding layer's public face: build a model, embed through the checked batching
 * path, and validate or normalize vectors.
 */
export type { EmbeddingModelConfig } from './create-embedding-model.js';
export { createEmbeddingModel } from './create-embedding-model.js';
export type { EmbedAllOptions } from './embed-all.js';
export { embedAll } from './embed-all.js';
export type { HashingEmbedderOptions } from './hashing/hashing-embedder.js';
export { createHashingEmbedder, hashingEmbedderId } from './hashing/hashing-embedder.js';
export type { OpenAICompatibleEmbedderOptions } from './openai-compatible/openai-compatible-embedder.js';
export { createOpenAICompatibleEmbedder } from './openai-compatible/openai-compatible-embedder.js';
export { assertValidVector, normalizeVector } from './vector-validation.js';
