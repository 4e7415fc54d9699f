/**
 * Graceful shutdown under load and recovery after it, against a real server: searches
 * in flight when `close()` starts all finish (none dropped) while new requests get
 * 503; a running run is cancelled and marked; an ingest in progress is parked and
 * resumed by the next server on the same database; the stores are closed. A crashed
 * process's jobs are resumed or failed with their reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { SqliteApiKeyStore } from '../../src/storage/sqlite/sqlite-api-keys.js';
import { SqliteRunStore } from '../../src/storage/sqlite/sqlite-run-store.js';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../support/fake-embeddings-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { createTestSetup, fakeModel, jsonRequest, type TestSetup } from './server-test-setup.js';

/** A tiny real web site whose page answers only when released. */
async function startSlowSite(): Promise<{
  url: string;
  release(): void;
  close(): Promise<void>;
  server: Server;
}> {
  let released = false;
  const waiting: (() => void)[] = [];
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') {
      response.writeHead(404).end();
      return;
    }
    const answer = () =>
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<html><head><title>Queues</title></head><body><h1>Queues</h1><p>A durable queue survives restarts.</p></body></html>',
        );
    if (released) answer();
    else waiting.push(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/queues`,
    server,
    release: () => {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 1000 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
}

describe('HTTP API: graceful shutdown and recovery', () => {
  let embeddings: FakeEmbeddingsServer;
  let model: FakeOpenAIServer;
  let setup: TestSetup;
  let server: RunningServer | undefined;

  beforeEach(async () => {
    embeddings = await startFakeEmbeddingsServer({ dimensions: 32 });
    model = await startFakeOpenAIServer();
    setup = await createTestSetup({
      environment: {
        ARCHON_EMBEDDING: 'openai-compatible:fake-embedder',
        ARCHON_EMBEDDING_BASE_URL: embeddings.baseUrl,
        ARCHON_EMBEDDING_DIMENSIONS: '32',
        // The slow site this test ingests listens on loopback.
        ARCHON_INGEST_ALLOW_PRIVATE_NETWORKS: 'true',
      },
    });
  });
  afterEach(async () => {
    await server?.close();
    await setup.cleanup();
    await embeddings.close();
    await model.close();
  });

  it('finishes every request in flight, refuses new ones with 503, cancels runs, parks ingests, closes the stores', async () => {
    const site = await startSlowSite();
    server = await startServer({
      ...setup.options({ languageModel: fakeModel(model.baseUrl) }),
      host: '127.0.0.1',
      port: 0,
    });
    const url = server.url;
    const serverApp = server.serverApp;
    model.respondWith(() => ({ text: 'slow answer', delayMs: 30_000 }));
    const run = (await (
      await fetch(`${url}/v1/runs`, jsonRequest('POST', { kind: 'ask', question: 'how to retry?' }))
    ).json()) as { id: string };
    await waitFor(() => model.requests.length === 1);
    const ingest = (await (
      await fetch(`${url}/v1/sources`, jsonRequest('POST', { targets: [site.url], source: 'site' }))
    ).json()) as { id: string };
    const load = 24;
    embeddings.script(
      ...Array.from({ length: load }, () => ({ kind: 'delay' as const, milliseconds: 400 })),
    );
    const searches = Array.from({ length: load }, (_, index) =>
      fetch(
        `${url}/v1/search`,
        jsonRequest('POST', { query: `retry budget ${index}`, mode: 'vector', limit: 2 }),
      ),
    );
    await waitFor(() => serverApp.inFlightRequests === load);

    const closing = server.close();
    const refused = await fetch(`${url}/v1/sources`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');

    const answered = await Promise.all(searches);
    expect(answered.map((response) => response.status)).toEqual(
      Array.from({ length: load }, () => 200),
    );
    for (const response of answered) {
      expect(((await response.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    }
    await closing;
    server = undefined;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    await expect(setup.knowledgeBase.stats()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });

    // A new process on the same database: the run stayed cancelled, the ingest resumes.
    const knowledgeBase = await openKnowledgeBase(setup.settings);
    const runs = new SqliteRunStore(join(setup.home, 'archon.db'));
    await runs.open();
    const apiKeys = new SqliteApiKeyStore(join(setup.home, 'archon.db'));
    await apiKeys.open();
    const cancelled = await knowledgeBase.store.getJob(run.id);
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      error: 'cancelled: the server shut down',
    });
    expect((await runs.getRun(run.id))?.state).toBe('cancelled');
    expect(await knowledgeBase.store.getJob(ingest.id)).toMatchObject({
      state: 'queued',
      progress: { interrupted: 'server shutdown; resumes at the next start' },
    });
    site.release();
    server = await startServer({
      ...setup.options({ knowledgeBase, runs, apiKeys }),
      host: '127.0.0.1',
      port: 0,
    });
    expect(server.recovery).toMatchObject({ resumedIngests: 1, startedRuns: 0, failedRuns: 0 });
    await server.serverApp.jobs.whenIdle();
    expect(await knowledgeBase.store.getJob(ingest.id)).toMatchObject({
      state: 'succeeded',
      result: { added: 1 },
    });
    expect((await knowledgeBase.checkIntegrity()).ok).toBe(true);
    await site.close();
  });

  it('resumes or fails what a crashed process left', async () => {
    const store = setup.knowledgeBase.store;
    const interruptedIngest = await store.createJob('ingest', {
      targets: [setup.docs],
      source: 'resumed',
    });
    await store.updateJob(interruptedIngest.id, { state: 'running', progress: { documents: 1 } });
    const interruptedRun = await store.createJob('run', {
      request: { kind: 'ask', question: 'q' },
      principal: 'anonymous',
    });
    await store.updateJob(interruptedRun.id, { state: 'running' });
    await setup.runs.createRun({
      id: interruptedRun.id,
      kind: 'ask',
      workspace: null,
      input: 'q',
      model: 'm',
    });
    const queuedRun = await store.createJob('run', {
      request: { kind: 'ask', question: 'queued question', useModel: false },
      principal: 'anonymous',
    });
    const broken = await store.createJob('run', { nonsense: true });
    const brokenIngest = await store.createJob('ingest', { nonsense: true });
    // Crashed after the core recorded the run but before the job said so: not started twice.
    const recordedRun = await store.createJob('run', {
      request: { kind: 'ask', question: 'recorded' },
      principal: 'anonymous',
    });
    await setup.runs.createRun({
      id: recordedRun.id,
      kind: 'ask',
      workspace: null,
      input: 'recorded',
      model: 'm',
    });

    server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
    expect(server.recovery).toMatchObject({ resumedIngests: 2, startedRuns: 2, failedRuns: 2 });
    await server.serverApp.jobs.whenIdle();
    expect(await store.getJob(interruptedIngest.id)).toMatchObject({
      state: 'succeeded',
      result: { source: 'resumed' },
    });
    expect(await store.getJob(queuedRun.id)).toMatchObject({ state: 'succeeded' });
    expect(await store.getJob(broken.id)).toMatchObject({
      state: 'failed',
      error: 'internal error; the server log has the details',
    });
    expect(await store.getJob(brokenIngest.id)).toMatchObject({
      state: 'failed',
      error: 'internal error; the server log has the details',
    });
    expect(await store.getJob(recordedRun.id)).toMatchObject({ state: 'failed' });
    expect((await setup.runs.getRun(recordedRun.id))?.stopReason).toBe('interrupted');
    const view = (await (
      await fetch(`${server.url}/v1/runs/${interruptedRun.id}`)
    ).json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      state: 'failed',
      stopReason: 'interrupted',
      error: 'interrupted: the server stopped while the run was in progress',
    });
  });
});
