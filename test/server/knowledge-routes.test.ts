/**
 * The knowledge routes end to end against a real server on loopback: search,
 * sources (list, ingest as a job, remove), documents, jobs, the OpenAPI document,
 * health, readiness and metrics, and the error body of each failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { createTestSetup, jsonRequest, type TestSetup } from './server-test-setup.js';

describe('HTTP API: knowledge routes', () => {
  let setup: TestSetup;
  let server: RunningServer;
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

  beforeEach(async () => {
    setup = await createTestSetup();
    server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
  });
  afterEach(async () => {
    await server.close();
    await setup.cleanup();
  });

  it('searches with citations and counts the search in the metrics', async () => {
    const response = await call(
      '/v1/search',
      jsonRequest('POST', { query: 'exponential backoff', limit: 3 }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as {
      results: { text: string; citation: { uri: string } }[];
    };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results[0]?.citation.uri).toBe('docs/retries.md');

    const filtered = await call(
      '/v1/search',
      jsonRequest('POST', {
        query: 'test',
        mode: 'lexical',
        filter: { sources: ['guides'], kind: 'code' },
      }),
    );
    expect(filtered.status).toBe(200);
    const code = (await filtered.json()) as { results: { kind: string }[] };
    expect(code.results.every((result) => result.kind === 'code')).toBe(true);

    const metrics = await (await call('/metrics')).text();
    expect(metrics).toContain('archon_search_requests_total{mode="hybrid"} 1');
    expect(metrics).toMatch(
      /archon_http_requests_total\{route="\/v1\/search",method="POST",status="200"\} 2/,
    );
  });

  it('answers bad searches with 400, 404 and 415 and the stable error body', async () => {
    const empty = await call('/v1/search', jsonRequest('POST', { query: '   ' }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: { code: 'INVALID_INPUT', message: 'search query must not be empty' },
    });
    const unknownField = await call('/v1/search', jsonRequest('POST', { query: 'x', surprise: 1 }));
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { error: { message: string } }).error.message).toMatch(
      /^invalid request body: /,
    );
    const malformed = await call('/v1/search', jsonRequest('POST', '{"query": '));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_INPUT',
    );
    const noSource = await call(
      '/v1/search',
      jsonRequest('POST', { query: 'x', filter: { sources: ['nope'] } }),
    );
    expect(noSource.status).toBe(404);
    expect(((await noSource.json()) as { error: { code: string } }).error.code).toBe(
      'SOURCE_NOT_FOUND',
    );
    const plain = await call('/v1/search', {
      method: 'POST',
      body: '{"query":"x"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe(
      'UNSUPPORTED_CONTENT',
    );
    const unknownRoute = await call('/v1/nothing');
    expect(unknownRoute.status).toBe(404);
    expect(((await unknownRoute.json()) as { error: { code: string } }).error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a body over the limit with 413', async () => {
    const big = await call(
      '/v1/search',
      jsonRequest('POST', { query: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'the request body is larger than 1048576 bytes',
      },
    });
  });

  it('lists sources, ingests a directory as a job, reads a document and removes the source', async () => {
    const listed = (await (await call('/v1/sources')).json()) as {
      sources: { name: string; documentCount: number }[];
    };
    expect(listed.sources).toEqual([expect.objectContaining({ name: 'guides', documentCount: 3 })]);

    const extra = join(setup.home, '..', 'extra');
    mkdirSync(extra);
    writeFileSync(join(extra, 'queues.md'), '# Queues\n\nA durable queue survives a restart.\n');
    const accepted = await call(
      '/v1/sources',
      jsonRequest('POST', { targets: [extra], source: 'extra', tags: ['ops'] }),
    );
    expect(accepted.status).toBe(202);
    const job = (await accepted.json()) as { id: string; kind: string; state: string };
    expect(job).toMatchObject({ kind: 'ingest', state: 'queued' });
    expect(accepted.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    await server.serverApp.jobs.whenIdle();
    const finished = (await (await call(`/v1/jobs/${job.id}`)).json()) as {
      state: string;
      result: { added: number; source: string };
    };
    expect(finished).toMatchObject({ state: 'succeeded', result: { added: 1, source: 'extra' } });

    const search = (await (
      await call(
        '/v1/search',
        jsonRequest('POST', { query: 'durable queue', filter: { sources: ['extra'] } }),
      )
    ).json()) as { results: { citation: { documentId: string } }[] };
    const documentId = search.results[0]?.citation.documentId as string;
    const document = await call(`/v1/documents/${documentId}`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({
      document: { id: documentId, uri: 'extra/queues.md', tags: ['ops'] },
      chunks: [expect.objectContaining({ text: expect.stringContaining('durable queue') })],
    });

    const removed = await call('/v1/sources/extra', { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ source: 'extra', documents: 1, chunks: 1 });
    const again = await call('/v1/sources/extra', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'SOURCE_NOT_FOUND',
    );
    const gone = await call(`/v1/documents/${documentId}`);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe(
      'DOCUMENT_NOT_FOUND',
    );
    expect((await call('/v1/jobs/no-such-job')).status).toBe(404);
    expect((await setup.knowledgeBase.checkIntegrity()).ok).toBe(true);
  });

  it('refuses bad ingest requests before any job exists', async () => {
    const cases: [unknown, number, string][] = [
      [{ targets: [] }, 400, 'INVALID_INPUT'],
      [{ targets: ['relative/path'] }, 400, 'INVALID_INPUT'],
      [{ targets: [join(setup.home, 'missing')] }, 404, 'PATH_NOT_FOUND'],
      [{ targets: [setup.docs, 'https://example.com'] }, 400, 'INVALID_INPUT'],
      [{ targets: [setup.docs], source: 'bad name!' }, 400, 'INVALID_INPUT'],
      [{ targets: ['https://exa mple.com'] }, 400, 'INVALID_INPUT'],
      [{ targets: ['/tmp/\u0000x'] }, 400, 'INVALID_INPUT'],
    ];
    for (const [body, status, code] of cases) {
      const response = await call('/v1/sources', jsonRequest('POST', body));
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await setup.knowledgeBase.store.listJobs()).toEqual([]);
  });

  it('records a failed ingest job with its reason', async () => {
    // A host name passes the request check; the guard refuses its loopback address on connect.
    const accepted = await call(
      '/v1/sources',
      jsonRequest('POST', { targets: ['http://localhost:9/unreachable'], source: 'unreachable' }),
    );
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    await server.serverApp.jobs.whenIdle();
    const job = (await (await call(`/v1/jobs/${id}`)).json()) as { state: string; error: string };
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      /^URL not allowed: http:\/\/localhost:9\/unreachable: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect((await (await call('/v1/sources')).json()) as unknown).toEqual({
      sources: [expect.objectContaining({ name: 'guides' })],
    });
  });

  it('serves health, readiness with the database check, and an OpenAPI 3.1 document', async () => {
    expect(await (await call('/health')).json()).toMatchObject({ status: 'ok' });
    const ready = await call('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: [expect.objectContaining({ name: 'database', status: 'pass', required: true })],
    });
    const document = (await (await call('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/health',
      '/metrics',
      '/ready',
      '/v1/documents/{id}',
      '/v1/jobs/{id}',
      '/v1/runs',
      '/v1/runs/{id}',
      '/v1/runs/{id}/cancel',
      '/v1/runs/{id}/events',
      '/v1/search',
      '/v1/sources',
      '/v1/sources/{id}',
    ]);
    expect(Object.keys(document.paths['/v1/sources'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('keeps the client request ID and writes it on every log line of the request', async () => {
    const response = await call('/v1/sources', { headers: { 'X-Request-Id': 'client-chosen.42' } });
    expect(response.headers.get('x-request-id')).toBe('client-chosen.42');
    const lines = setup.logLines.filter((line) => line.requestId === 'client-chosen.42');
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'request', route: '/v1/sources', status: 200 }),
    ]);
    const bad = await call('/v1/sources', { headers: { 'X-Request-Id': 'has spaces in it' } });
    expect(bad.headers.get('x-request-id')).not.toBe('has spaces in it');
  });
});
