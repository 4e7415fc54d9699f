/**
 * The OpenAI-compatible client against a real HTTP server on loopback: request shape,
 * secret hygiene, every kind of bad response, and option checks.
 */
import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../src/core/errors.js';
import { embedAll } from '../../src/knowledge/embed/embed-all.js';
import type { OpenAICompatibleEmbedderOptions } from '../../src/knowledge/embed/openai-compatible/openai-compatible-embedder.js';
import {
  apiKey,
  expectVectorOf,
  failureOf,
  recordingClient,
  useFakeServer,
} from './openai-compatible-test-setup.js';

const server = useFakeServer();
const client = (overrides: Partial<OpenAICompatibleEmbedderOptions> = {}) =>
  recordingClient(server(), overrides);

describe('requests', () => {
  it('posts model, input and float encoding to <baseUrl>/embeddings with the bearer key', async () => {
    const { model } = client({ headers: { 'X-Team': 'docs', Authorization: 'Bearer other' } });
    expect(model.id).toBe('openai-compatible:fake-small');
    const vectors = await model.doEmbed(['alpha', 'beta']);
    expectVectorOf(vectors[0], 'alpha');
    expectVectorOf(vectors[1], 'beta');
    const [request] = server().requests;
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
    expect(server().requests[0]?.body.dimensions).toBe(8);
  });

  it('accepts a base URL with a trailing slash and uses an injected fetch', async () => {
    const calls: string[] = [];
    const { model } = client({
      baseUrl: `${server().baseUrl}/`,
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    await model.doEmbed(['x']);
    expect(calls).toEqual([`${server().baseUrl}/embeddings`]);
  });

  it('never sends empty strings: each gets the unit vector on the first dimension', async () => {
    const { model } = client();
    const vectors = await model.doEmbed(['', 'word', '']);
    expect(server().requests.map((request) => request.body.input)).toEqual([['word']]);
    expect(vectors[0]?.[0]).toBe(1);
    expect(vectors[0]?.slice(1).every((value) => value === 0)).toBe(true);
    expectVectorOf(vectors[1], 'word');
    await model.doEmbed(['', '']);
    expect(server().requests).toHaveLength(1);
  });

  it('refuses a batch larger than its batch size', async () => {
    const { model } = client({ batchSize: 2 });
    const failure = await failureOf(model.doEmbed(['a', 'b', 'c']));
    expect(failure.code).toBe(ErrorCode.InvalidInput);
    expect(server().requests).toHaveLength(0);
  });

  it('puts items back in input order when the server lists them shuffled', async () => {
    server().script({ kind: 'shuffled' });
    const vectors = await client().model.doEmbed(['one', 'two', 'three']);
    expectVectorOf(vectors[0], 'one');
    expectVectorOf(vectors[2], 'three');
  });

  it('decodes base64 embeddings', async () => {
    server().script({ kind: 'base64' });
    const vectors = await client().model.doEmbed(['one', 'two']);
    expectVectorOf(vectors[1], 'two');
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
    expect(server().requests).toHaveLength(1);
  });

  it('keeps the API key out of a 500 message that echoes it', async () => {
    server().script({ kind: 'status', status: 500, body: `upstream rejected ${apiKey}` });
    const failure = await failureOf(client({ maxRetries: 0 }).model.doEmbed(['x']));
    expect(failure.message).toContain('upstream rejected [redacted]');
    expect(failure.message).not.toContain(apiKey);
  });
});

describe('bad responses', () => {
  it('reports malformed JSON as PROVIDER_ERROR without retrying', async () => {
    server().script({ kind: 'malformed-json' });
    const { model, waits } = client();
    const failure = await failureOf(model.doEmbed(['x']));
    expect(failure.code).toBe(ErrorCode.ProviderError);
    expect(failure.message).toContain('malformed JSON');
    expect(waits).toEqual([]);
  });

  it('reports a missing item as PROVIDER_ERROR', async () => {
    server().script({ kind: 'missing-item' });
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
    server().script({ kind });
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
