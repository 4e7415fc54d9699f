/**
 * The OpenAI-compatible client's retries against a real HTTP server on loopback: which
 * failures are retried, the waits it asks for (recorded, not slept), Retry-After,
 * timeouts and cancellation.
 */
import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../src/core/errors.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';
import type { OpenAICompatibleEmbedderOptions } from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import { createOpenAICompatibleEmbedder } from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import { startFakeEmbeddingsServer } from '../support/fake-embeddings-server.js';
import {
  apiKey,
  dimensions,
  expectVectorOf,
  failureOf,
  recordingClient,
  useFakeServer,
} from './openai-compatible-test-setup.js';

const server = useFakeServer();
const client = (overrides: Partial<OpenAICompatibleEmbedderOptions> = {}) =>
  recordingClient(server(), overrides);

describe('retries', () => {
  it('honours Retry-After in seconds on 429 and then succeeds', async () => {
    server().script({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const { model, waits } = client();
    const vectors = await model.doEmbed(['after the limit']);
    expectVectorOf(vectors[0], 'after the limit');
    expect(server().requests).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('honours retry-after-ms first and caps a long Retry-After at 60 seconds', async () => {
    server().script(
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } },
      { kind: 'status', status: 503, headers: { 'retry-after': '3600' } },
    );
    const { model, waits } = client();
    await model.doEmbed(['x']);
    expect(waits).toEqual([1500, 60_000]);
  });

  it('backs off exponentially with jitter and gives up after maxRetries', async () => {
    const failures = Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 }));
    server().script(...failures);
    const { model, waits } = client({ maxRetries: 4 });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('HTTP 500');
    expect(failure.message).toContain('gave up after 5 attempts');
    expect(failure.details).toMatchObject({ status: 500, attempts: 5 });
    expect(server().requests).toHaveLength(5);
    expect(waits).toEqual([250, 500, 1000, 2000]);
  });

  it.each([408, 409, 425, 429, 502, 503, 504])('retries HTTP %i', async (status) => {
    server().script({ kind: 'status', status });
    const { model, waits } = client();
    await model.doEmbed(['x']);
    expect(server().requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422])(
    'does not retry HTTP %i and reports the server message',
    async (status) => {
      server().script({
        kind: 'status',
        status,
        body: JSON.stringify({ error: { message: `nope ${status}` } }),
      });
      const { model, waits } = client();
      const failure = await failureOf(model.doEmbed(['x']));
      expect(failure.code).toBe(ErrorCode.ProviderError);
      expect(failure.message).toContain(`HTTP ${status}: nope ${status}`);
      expect(failure.details).toEqual({ status });
      expect(server().requests).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it('retries with maxRetries 0 never', async () => {
    server().script({ kind: 'status', status: 503 });
    const failure = await failureOf(client({ maxRetries: 0 }).model.doEmbed(['x']));
    expect(failure.message).toContain('gave up after 1 attempts');
    expect(server().requests).toHaveLength(1);
  });

  it('retries a reset connection', async () => {
    server().script({ kind: 'reset' });
    const { model, waits } = client();
    const vectors = await model.doEmbed(['after reset']);
    expectVectorOf(vectors[0], 'after reset');
    expect(waits).toHaveLength(1);
  });

  it('reports an unreachable server as PROVIDER_ERROR after its retries', async () => {
    const closed = await startFakeEmbeddingsServer({ dimensions });
    await closed.close();
    const { model, waits } = client({ baseUrl: closed.baseUrl, maxRetries: 2 });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toMatch(/could not be reached: .*ECONNREFUSED/);
    expect(waits).toHaveLength(2);
  });

  it('times out a slow answer, retries it, and reports TIMEOUT when every attempt is slow', async () => {
    server().script({ kind: 'delay', milliseconds: 5_000 }, { kind: 'delay', milliseconds: 5_000 });
    const { model, waits } = client({ timeoutMs: 400, maxRetries: 1 });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.Timeout);
    expect(failure.message).toContain('did not answer within 400 ms');
    expect(server().requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('recovers when only the first answer is too slow', async () => {
    server().script({ kind: 'delay', milliseconds: 5_000 });
    const vectors = await client({ timeoutMs: 400 }).model.doEmbed(['late']);
    expectVectorOf(vectors[0], 'late');
    expect(server().requests).toHaveLength(2);
  });
});

describe('cancellation', () => {
  it('turns an abort during a slow request into CANCELLED without retrying', async () => {
    server().script({ kind: 'delay', milliseconds: 5_000 });
    const controller = new AbortController();
    const { model, waits } = client();
    const pending = model.doEmbed(['x'], { abortSignal: controller.signal });
    while (server().requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const failure = await failureOf(pending);
    expect(failure.code).toBe(ErrorCode.Cancelled);
    expect(waits).toEqual([]);
  });

  it('cuts a long Retry-After wait short when the caller aborts', { timeout: 10_000 }, async () => {
    server().script({ kind: 'status', status: 429, headers: { 'retry-after': '59' } });
    const controller = new AbortController();
    const model = createOpenAICompatibleEmbedder({
      baseUrl: server().baseUrl,
      model: 'm',
      apiKey,
      dimensions,
    });
    const pending = embedAll(model, ['x'], { abortSignal: controller.signal });
    while (server().requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect((await failureOf(pending)).code).toBe(ErrorCode.Cancelled);
    expect(server().requests).toHaveLength(1);
  });

  it('stops when an injected sleep ignores the abort', async () => {
    server().script({ kind: 'status', status: 500 });
    const controller = new AbortController();
    const model = createOpenAICompatibleEmbedder({
      baseUrl: server().baseUrl,
      model: 'm',
      apiKey,
      dimensions,
      sleep: async () => controller.abort(),
    });
    const failure = await failureOf(model.doEmbed(['x'], { abortSignal: controller.signal }));
    expect(failure.code).toBe(ErrorCode.Cancelled);
    expect(server().requests).toHaveLength(1);
  });
});
