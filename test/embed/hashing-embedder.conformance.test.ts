import { createHashingEmbedder } from '../../src/knowledge/embed/hashing/hashing-embedder.js';
import { runEmbeddingModelConformance } from '../conformance/embedding-model.conformance.js';

runEmbeddingModelConformance('hash:v1 (384 dimensions)', async () => ({
  model: createHashingEmbedder(),
  cleanup: async () => {},
}));

runEmbeddingModelConformance('hash:v1 (64 dimensions)', async () => ({
  model: createHashingEmbedder({ dimensions: 64 }),
  cleanup: async () => {},
}));
