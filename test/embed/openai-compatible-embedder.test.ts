/**
 * The OpenAI-compatible client against a real HTTP server on loopback: request shape,
 * retries and their waits, Retry-After, timeouts, cancellation, non-retryable errors,
 * secret hygiene and every kind of bad response.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';
import {
  createOpenAICompatibleEmbedder,
  type OpenAICompatibleEmbedderOptions,
} from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import {
  type FakeEmbeddingsServer,
  fakeVector,
  startFakeEmbeddingsServer,
} from '../support/fake-embeddings-server.js';

const apiKey = 'sk-test-1234567890-secret';
const dimensions = 16;
let server: FakeEmbeddingsServer;

beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimensions, apiKey });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** A client whose waits are recorded, not slept, with jitter fixed at one half. */
function client(overrides: Partial<OpenAICompatibleEmbedderOptions> = {}) {
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

async function failureOf(promise: Promise<unknown>): Promise<ArchonError> {
  try {
    await promise;
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function expectVectorOf(vector: Float32Array | undefined, text: string): void {
  expect(Array.from(vector ?? [])).toEqual(
    Array.from(new Float32Array(fakeVector(text, dimensions))),
  );
}

describe('requests', () => {
  it('posts model, input and float encoding to <baseUrl>/embeddings with the bearer key', async () => {
    const { model } = client({ headers: { 'X-Team': 'docs', Authorization: 'Bearer other' } });
    expect(model.id).toBe('openai-compatible:fake-small');
    const vectors = await model.doEmbed(['alpha', 'beta']);
    expectVectorOf(vectors[0], 'alpha');
    expectVectorOf(vectors[1], 'beta');
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.body).toEqual({
      model: 'fake-small',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
    });
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.headers['x-team']).toBe('docs');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('sends dimensions only when asked to', async () => {
    const { model } = client({ dimensions: 8, sendDimensions: true });
    const [vector] = await embedAll(model, ['short']);
    expect(vector).toHaveLength(8);
    expect(server.requests[0]?.body.dimensions).toBe(8);
  });

  it('accepts a base URL with a trailing slash and uses an injected fetch', async () => {
    const calls: string[] = [];
    const { model } = client({
      baseUrl: `${server.baseUrl}/`,
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    await model.doEmbed(['x']);
    expect(calls).toEqual([`${server.baseUrl}/embeddings`]);
  });

  it('never sends empty strings: each gets the unit vector on the first dimension', async () => {
    const { model } = client();
    const vectors = await model.doEmbed(['', 'word', '']);
    expect(server.requests.map((request) => request.body.input)).toEqual([['word']]);
    expect(vectors[0]?.[0]).toBe(1);
    expect(vectors[0]?.slice(1).every((value) => value === 0)).toBe(true);
    expectVectorOf(vectors[1], 'word');
    await model.doEmbed(['', '']);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a batch larger than its batch size', async () => {
    const { model } = client({ batchSize: 2 });
    const failure = await failureOf(model.doEmbed(['a', 'b', 'c']));
    expect(failure.code).toBe(ErrorCode.InvalidInput);
    expect(server.requests).toHaveLength(0);
  });

  it('puts items back in input order when the server lists them shuffled', async () => {
    server.script({ kind: 'shuffled' });
    const vectors = await client().model.doEmbed(['one', 'two', 'three']);
    expectVectorOf(vectors[0], 'one');
    expectVectorOf(vectors[2], 'three');
  });

  it('decodes base64 embeddings', async () => {
    server.script({ kind: 'base64' });
    const vectors = await client().model.doEmbed(['one', 'two']);
    expectVectorOf(vectors[1], 'two');
  });
});

describe('retries', () => {
  it('honours Retry-After in seconds on 429 and then succeeds', async () => {
    server.script({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const { model, waits } = client();
    const vectors = await model.doEmbed(['after the limit']);
    expectVectorOf(vectors[0], 'after the limit');
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('honours retry-after-ms first and caps a long Retry-After at 60 seconds', async () => {
    server.script(
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } },
      { kind: 'status', status: 503, headers: { 'retry-after': '3600' } },
    );
    const { model, waits } = client();
    await model.doEmbed(['x']);
    expect(waits).toEqual([1500, 60_000]);
  });

  it('backs off exponentially with jitter and gives up after maxRetries', async () => {
    const failures = Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 }));
    server.script(...failures);
    const { model, waits } = client({ maxRetries: 4 });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('HTTP 500');
    expect(failure.message).toContain('gave up after 5 attempts');
    expect(failure.details).toMatchObject({ status: 500, attempts: 5 });
    expect(server.requests).toHaveLength(5);
    expect(waits).toEqual([250, 500, 1000, 2000]);
  });

  it.each([408, 409, 425, 429, 502, 503, 504])('retries HTTP %i', async (status) => {
    server.script({ kind: 'status', status });
    const { model, waits } = client();
    await model.doEmbed(['x']);
    expect(server.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422])(
    'does not retry HTTP %i and reports the server message',
    async (status) => {
      server.script({
        kind: 'status',
        status,
        body: JSON.stringify({ error: { message: `nope ${status}` } }),
      });
      const { model, waits } = client();
      const failure = await failureOf(model.doEmbed(['x']));
      expect(failure.code).toBe(ErrorCode.ProviderError);
      expect(failure.message).toContain(`HTTP ${status}: nope ${status}`);
      expect(failure.details).toEqual({ status });
      expect(server.requests).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it('retries with maxRetries 0 never', async () => {
    server.script({ kind: 'status', status: 503 });
    const failure = await failureOf(client({ maxRetries: 0 }).model.doEmbed(['x']));
    expect(failure.message).toContain('gave up after 1 attempts');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a reset connection', async () => {
    server.script({ kind: 'reset' });
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
    server.script({ kind: 'delay', milliseconds: 5_000 }, { kind: 'delay', milliseconds: 5_000 });
    const { model, waits } = client({ timeoutMs: 50, maxRetries: 1 });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.Timeout);
    expect(failure.message).toContain('did not answer within 50 ms');
    expect(server.requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('recovers when only the first answer is too slow', async () => {
    server.script({ kind: 'delay', milliseconds: 5_000 });
    const vectors = await client({ timeoutMs: 50 }).model.doEmbed(['late']);
    expectVectorOf(vectors[0], 'late');
    expect(server.requests).toHaveLength(2);
  });
});

describe('cancellation', () => {
  it('turns an abort during a slow request into CANCELLED without retrying', async () => {
    server.script({ kind: 'delay', milliseconds: 5_000 });
    const controller = new AbortController();
    const { model, waits } = client();
    const pending = model.doEmbed(['x'], { abortSignal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const failure = await failureOf(pending);
    expect(failure.code).toBe(ErrorCode.Cancelled);
    expect(waits).toEqual([]);
  });

  it('cuts a long Retry-After wait short when the caller aborts', { timeout: 10_000 }, async () => {
    server.script({ kind: 'status', status: 429, headers: { 'retry-after': '59' } });
    const controller = new AbortController();
    const model = createOpenAICompatibleEmbedder({
      baseUrl: server.baseUrl,
      model: 'm',
      apiKey,
      dimensions,
    });
    const pending = embedAll(model, ['x'], { abortSignal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect((await failureOf(pending)).code).toBe(ErrorCode.Cancelled);
    expect(server.requests).toHaveLength(1);
  });

  it('stops when an injected sleep ignores the abort', async () => {
    server.script({ kind: 'status', status: 500 });
    const controller = new AbortController();
    const model = createOpenAICompatibleEmbedder({
      baseUrl: server.baseUrl,
      model: 'm',
      apiKey,
      dimensions,
      sleep: async () => controller.abort(),
    });
    const failure = await failureOf(model.doEmbed(['x'], { abortSignal: controller.signal }));
    expect(failure.code).toBe(ErrorCode.Cancelled);
    expect(server.requests).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('keeps the API key out of the message, details and JSON of an auth failure', async () => {
    const wrongKey = 'sk-wrong-key-abcdef';
    const { model } = client({ apiKey: wrongKey });
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('HTTP 401: Incorrect API key provided: [redacted]');
    for (const text of [
      failure.message,
      String(failure),
      JSON.stringify(failure.toJSON()),
      failure.stack ?? '',
    ]) {
      expect(text).not.toContain(wrongKey);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the API key out of a 500 message that echoes it', async () => {
    server.script({ kind: 'status', status: 500, body: `upstream rejected ${apiKey}` });
    const failure = await failureOf(client({ maxRetries: 0 }).model.doEmbed(['x']));
    expect(failure.message).toContain('upstream rejected [redacted]');
    expect(failure.message).not.toContain(apiKey);
  });
});

describe('bad responses', () => {
  it('reports malformed JSON as PROVIDER_ERROR without retrying', async () => {
    server.script({ kind: 'malformed-json' });
    const { model, waits } = client();
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('malformed JSON');
    expect(waits).toEqual([]);
  });

  it('reports a missing item as PROVIDER_ERROR', async () => {
    server.script({ kind: 'missing-item' });
    const failure = await failureOf(client().model.doEmbed(['a', 'b']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('returned 1 embeddings for 2 texts');
  });

  it.each([
    ['wrong-dimensions', ErrorCode.EmbeddingMismatch, 'has 17 dimensions, expected 16'],
    ['nan', ErrorCode.InvalidEmbedding, 'holds NaN at position 0'],
    ['infinity', ErrorCode.InvalidEmbedding, 'holds Infinity at position 0'],
    ['zero-vector', ErrorCode.InvalidEmbedding, 'is all zeros'],
  ] as const)('refuses %s vectors at the door of embedAll', async (kind, code, message) => {
    server.script({ kind });
    const failure = await failureOf(embedAll(client().model, ['a', 'b']));
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(message);
    expect(failure.message).toContain('from openai-compatible:fake-small');
  });
});

describe('options', () => {
  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl is not a URL'],
    [{ baseUrl: 'ftp://example.com' }, 'must be http or https'],
    [{ baseUrl: '' }, 'baseUrl must be a non-empty string'],
    [{ model: ' ' }, 'model must be a non-empty string'],
    [{ dimensions: 0 }, 'dimensions must be an integer from 1'],
    [{ dimensions: 1.5 }, 'dimensions must be an integer'],
    [{ batchSize: 5000 }, 'batchSize must be an integer from 1 to 2048'],
    [{ timeoutMs: 0 }, 'timeoutMs must be an integer'],
    [{ maxRetries: -1 }, 'maxRetries must be an integer from 0 to 20'],
  ] as const)('refuses %o', (overrides, message) => {
    let thrown: unknown;
    try {
      client(overrides as Partial<OpenAICompatibleEmbedderOptions>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: ErrorCode.InvalidConfig });
    expect((thrown as Error).message).toContain(message);
  });
});
