import { createOpenAICompatibleEmbedder } from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import { runEmbeddingModelConformance } from '../conformance/embedding-model.conformance.js';
import { startFakeEmbeddingsServer } from '../support/fake-embeddings-server.js';

runEmbeddingModelConformance('openai-compatible client on a fake server', async () => {
  const server = await startFakeEmbeddingsServer({ dimensions: 48, apiKey: 'sk-conformance' });
  return {
    model: createOpenAICompatibleEmbedder({
      baseUrl: server.baseUrl,
      model: 'fake-embedding-small',
      apiKey: 'sk-conformance',
      dimensions: 48,
      batchSize: 8,
    }),
    cleanup: () => server.close(),
  };
});
