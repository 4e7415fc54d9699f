/**
 * Shared set-up of the OpenAI-compatible client tests: one fake server per test file and a
 * client whose waits between retries are recorded instead of slept.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

import { ArchonError } from '../../src/core/errors.js';
import {
  createOpenAICompatibleEmbedder,
  type OpenAICompatibleEmbedderOptions,
} from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import {
  type FakeEmbeddingsServer,
  fakeVector,
  startFakeEmbeddingsServer,
} from '../support/fake-embeddings-server.js';

export const apiKey = 'sk-test-1234567890-secret';
export const dimensions = 16;

/** Starts a fake server for the calling test file; its requests reset before each test. */
export function useFakeServer(): () => FakeEmbeddingsServer {
  let server: FakeEmbeddingsServer | undefined;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer({ dimensions, apiKey });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
  return () => {
    if (!server) throw new Error('fake server not started');
    return server;
  };
}

/** A client of `server` whose waits are recorded, not slept, with jitter fixed at one half. */
export function recordingClient(
  server: FakeEmbeddingsServer,
  overrides: Partial<OpenAICompatibleEmbedderOptions> = {},
) {
  const waits: number[] = [];
  const model = createOpenAICompatibleEmbedder({
    baseUrl: server.baseUrl,
    model: 'fake-small',
    apiKey,
    dimensions,
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { model, waits };
}

/** The ArchonError `promise` rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<ArchonError> {
  try {
    await promise;
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Asserts `vector` is what the fake server makes for `text`. */
export function expectVectorOf(vector: Float32Array | undefined, text: string): void {
  expect(Array.from(vector ?? [])).toEqual(
    Array.from(new Float32Array(fakeVector(text, dimensions))),
  );
}
