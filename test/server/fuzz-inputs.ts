/**
 * fast-check generators of invalid (and now and then valid) requests for every
 * route: bodies derived from each route's schema with fields replaced by arbitrary
 * JSON, required fields dropped, unknown fields added, types swapped and strings
 * pushed past their limits; raw bodies that are not JSON; odd content types;
 * hostile path parameters, queries and headers.
 */
import fc from 'fast-check';

import { anyJson, nearValid } from '../support/fuzz-values.js';

/** One generated request. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A JSON body text: near-valid, any JSON, or not JSON at all. */
function bodyText(template: Record<string, unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: nearValid(template).map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? 'null') },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          '{',
          '{"query": ',
          '[1,',
          '{"a":1}}',
          'null',
          '',
          '\u0000',
          '{"kind":"ask","question":"x"',
        ),
      ),
    },
  );
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json; charset=latin1',
    ),
  },
);

/** A path segment: ids that exist nowhere, traversal, encoded nonsense, very long. */
const segment = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
    fc.constantFrom('..', '.', '%2e%2e', 'guides-none', 'a'.repeat(300), '0', '-1'),
  )
  .map((value) => encodeURIComponent(value));

const optionalHeaders = fc.record(
  {
    'x-request-id': fc.string({ maxLength: 200 }),
    'idempotency-key': fc.oneof(
      { weight: 5, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.constant('fixed-key') },
    ),
    'last-event-id': fc.oneof(fc.string({ maxLength: 20 }), fc.nat().map(String)),
    authorization: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 60 }).map((key) => `Bearer ${key}`),
    ),
    'x-api-key': fc.string({ maxLength: 60 }),
  },
  { requiredKeys: [] },
);

/** Headers that a fetch `Headers` accepts: printable Latin-1 without CR/LF. */
function sanitizeHeaders(headers: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    clean[name] = [...value]
      .filter((character) => /[\x20-\x7e]/.test(character))
      .join('')
      .trim();
  }
  return clean;
}

function post(path: string, template: Record<string, unknown>): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(bodyText(template), contentType, optionalHeaders)
    .map(([body, type, headers]) => ({
      method: 'POST',
      path,
      headers: sanitizeHeaders({ ...headers, 'content-type': type }),
      body,
    }));
}

function withSegment(method: string, build: (id: string) => string): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(segment, optionalHeaders).map(([id, headers]) => ({
    method,
    path: build(id),
    headers: sanitizeHeaders(headers),
  }));
}

/** A generator per route, by name. */
export const routeFuzzers: Readonly<Record<string, fc.Arbitrary<FuzzRequest>>> = {
  'POST /v1/search': post('/v1/search', {
    query: 'retry',
    limit: 3,
    mode: 'hybrid',
    filter: { sources: ['guides'], tags: [], languages: ['markdown'], kind: 'text' },
  }),
  'GET /v1/sources': optionalHeaders.map((headers) => ({
    method: 'GET',
    path: '/v1/sources',
    headers: sanitizeHeaders(headers),
  })),
  'POST /v1/sources': post('/v1/sources', {
    targets: ['/definitely/not/allowed'],
    source: 'fuzzed',
    tags: ['a'],
    include: ['**/*.md'],
    exclude: [],
    prune: false,
    depth: 0,
  }),
  'DELETE /v1/sources/{id}': withSegment('DELETE', (id) => `/v1/sources/${id}`),
  'GET /v1/documents/{id}': withSegment('GET', (id) => `/v1/documents/${id}`),
  'GET /v1/jobs/{id}': withSegment('GET', (id) => `/v1/jobs/${id}`),
  'POST /v1/runs (implement)': post('/v1/runs', {
    kind: 'implement',
    spec: 'Make it so.',
    workspace: '/definitely/not/allowed',
    checks: ['npm test'],
    limits: { maxSteps: 3 },
  }),
  'POST /v1/runs (ask)': post('/v1/runs', {
    kind: 'ask',
    question: 'how to retry?',
    limit: 2,
    useModel: false,
  }),
  'GET /v1/runs/{id}': withSegment('GET', (id) => `/v1/runs/${id}`),
  'GET /v1/runs/{id}/events': fc
    .tuple(
      segment,
      fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 20 }).map((after) => `?after=${encodeURIComponent(after)}`),
      ),
      optionalHeaders,
    )
    .map(([id, query, headers]) => ({
      method: 'GET',
      path: `/v1/runs/${id}/events${query}`,
      headers: sanitizeHeaders(headers),
    })),
  'POST /v1/runs/{id}/cancel': withSegment('POST', (id) => `/v1/runs/${id}/cancel`),
  'other methods and paths': fc
    .tuple(
      fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS', 'HEAD'),
      fc.constantFrom(
        '/v1/search',
        '/v1/sources',
        '/v1/runs',
        '/v1',
        '/',
        '/health',
        '/ready',
        '/metrics',
        '/openapi.json',
        '/v2/x',
      ),
      segment,
      optionalHeaders,
    )
    .map(([method, path, suffix, headers]) => ({
      method,
      path: suffix.length % 3 === 0 ? `${path}/${suffix}` : path,
      headers: sanitizeHeaders(headers),
    })),
};
