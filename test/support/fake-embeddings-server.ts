/**
 * A fake OpenAI-compatible embeddings server on 127.0.0.1 for tests of the HTTP embedder.
 * It answers `POST /embeddings` with deterministic vectors derived from each text, records
 * every request, and can be scripted to misbehave on the next requests: error statuses
 * with `Retry-After`, slow answers, malformed JSON, wrong dimensions, NaN, zero vectors,
 * shuffled order, dropped items or a reset connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer; consumed by the next request, in order. */
export type FakeAnswer =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  | { readonly kind: 'delay'; readonly milliseconds: number }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'wrong-dimensions' }
  | { readonly kind: 'nan' }
  | { readonly kind: 'infinity' }
  | { readonly kind: 'zero-vector' }
  | { readonly kind: 'shuffled' }
  | { readonly kind: 'missing-item' }
  | { readonly kind: 'base64' }
  | { readonly kind: 'reset' };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: {
    model?: unknown;
    input?: unknown;
    encoding_format?: unknown;
    dimensions?: unknown;
  };
}

export interface FakeEmbeddingsServer {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Queues answers for the next requests; after them the server answers normally. */
  script(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

export interface FakeEmbeddingsServerOptions {
  readonly dimensions: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 that echoes the key sent. */
  readonly apiKey?: string;
}

/** The vector the fake server returns for `text`: a pseudo-random function of the text. */
export function fakeVector(text: string, dimensions: number): number[] {
  let state = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    state = Math.imul(state ^ text.charCodeAt(index), 0x01000193);
  }
  const vector: number[] = [];
  for (let position = 0; position < dimensions; position += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    vector.push(((state >>> 0) / 4_294_967_296) * 2 - 1);
  }
  return vector;
}

export async function startFakeEmbeddingsServer(
  options: FakeEmbeddingsServerOptions,
): Promise<FakeEmbeddingsServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as RecordedRequest['body'];
      } catch {
        // Recorded as empty; answered 400 below.
      }
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      const answer = queue.shift();
      if (answer?.kind === 'delay') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond(request, response, body, undefined, options);
        }, answer.milliseconds);
        timers.add(timer);
        return;
      }
      respond(request, response, body, answer, options);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => queue.push(...answers),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(
  request: IncomingMessage,
  response: ServerResponse,
  body: RecordedRequest['body'],
  answer: FakeAnswer | undefined,
  options: FakeEmbeddingsServerOptions,
): void {
  if (answer?.kind === 'reset') {
    request.socket.destroy();
    return;
  }
  if (answer?.kind === 'status') {
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(
      answer.body ?? JSON.stringify({ error: { message: `scripted ${answer.status}` } }),
    );
    return;
  }
  if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
    return sendJson(response, 404, {
      error: { message: `no route ${request.method} ${request.url}` },
    });
  }
  const authorization = request.headers.authorization ?? '';
  if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
    const sent = authorization.replace(/^Bearer /, '');
    return sendJson(response, 401, { error: { message: `Incorrect API key provided: ${sent}` } });
  }
  const input = body.input;
  if (!Array.isArray(input) || input.some((text) => typeof text !== 'string' || text === '')) {
    return sendJson(response, 400, {
      error: { message: "'input' must be an array of non-empty strings" },
    });
  }
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : options.dimensions;
  if (answer?.kind === 'malformed-json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data": [{"index": 0, "embedding": [0.1, ');
    return;
  }
  const data = (input as string[]).map((text, index) => ({
    object: 'embedding',
    index,
    embedding: vectorFor(text, dimensions, answer) as unknown,
  }));
  if (answer?.kind === 'shuffled') data.reverse();
  if (answer?.kind === 'missing-item') data.pop();
  if (answer?.kind === 'base64') {
    for (const item of data) {
      item.embedding = Buffer.from(new Float32Array(item.embedding as number[]).buffer).toString(
        'base64',
      );
    }
  }
  const json = JSON.stringify({
    object: 'list',
    data,
    model: body.model,
    usage: { prompt_tokens: 0, total_tokens: 0 },
  });
  response.writeHead(200, { 'content-type': 'application/json' });
  // JSON cannot spell Infinity; an overflowing literal parses to it.
  response.end(
    answer?.kind === 'infinity' ? json.replace('"embedding":[', '"embedding":[1e999,') : json,
  );
}

function vectorFor(
  text: string,
  dimensions: number,
  answer: FakeAnswer | undefined,
): (number | null)[] {
  if (answer?.kind === 'zero-vector') return new Array<number>(dimensions).fill(0);
  if (answer?.kind === 'wrong-dimensions') return fakeVector(text, dimensions + 1);
  if (answer?.kind === 'infinity') return fakeVector(text, dimensions - 1);
  const vector: (number | null)[] = fakeVector(text, dimensions);
  if (answer?.kind === 'nan') vector[0] = null;
  return vector;
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}
