/**
 * Property-based fuzzing of every route with generated invalid (and some valid)
 * inputs: over 10,000 requests through the app in process, plus a batch over real
 * HTTP and a batch against a server that requires keys. No answer may be a 5xx, every
 * error must have the stable body, nothing may be logged as a server fault, no
 * error may escape the process, and the store must pass its integrity check after.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../src/core/errors.js';
import { createServerApp, type ServerApp } from '../../src/server/server-app.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { type FuzzRequest, routeFuzzers } from './fuzz-inputs.js';
import { createTestSetup, fakeModel, type TestSetup } from './server-test-setup.js';

const runsPerRoute = 850;
const errorCodes = new Set<string>(Object.values(ErrorCode));

/** Ingestion's network boundary: nothing leaves the machine during fuzzing. */
const offline: typeof fetch = async () => {
  throw new ArchonError(ErrorCode.FetchFailed, 'offline during fuzzing');
};

function toInit(request: FuzzRequest): RequestInit {
  return {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

async function checkResponse(request: FuzzRequest, response: Response): Promise<void> {
  const text = request.method === 'HEAD' ? '' : await response.text();
  if (response.status >= 500) {
    throw new Error(
      `${request.method} ${request.path} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 400 && request.method !== 'HEAD') {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(errorCodes.has(String(body.error?.code))).toBe(true);
    expect(typeof body.error?.message).toBe('string');
    expect(text).not.toMatch(/\n\s+at /);
  } else if (type.includes('application/json') && text !== '') {
    JSON.parse(text);
  }
}

describe('HTTP API: fuzzing every route', () => {
  let setup: TestSetup;
  let model: FakeOpenAIServer;
  let serverApp: ServerApp;
  let sent = 0;
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);

  beforeAll(async () => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
    model = await startFakeOpenAIServer();
    model.respondWith(() => ({ text: 'An answer [1].' }));
    setup = await createTestSetup({ fetch: offline });
    const allowed = join(setup.home, 'allowed');
    mkdirSync(allowed);
    serverApp = createServerApp(
      setup.options({
        languageModel: fakeModel(model.baseUrl),
        allowedPaths: [allowed],
        limits: { maxConcurrentRuns: 2 },
        runLimits: { maxSteps: 2 },
      }),
    );
    await serverApp.recover();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
    await serverApp.shutdown();
    await model.close();
    await setup.cleanup();
  });

  for (const [route, generator] of Object.entries(routeFuzzers)) {
    it(`in process: ${route}`, async () => {
      await fc.assert(
        fc.asyncProperty(generator, async (request) => {
          sent += 1;
          await checkResponse(request, await serverApp.app.request(request.path, toInit(request)));
        }),
        { numRuns: runsPerRoute },
      );
    });
  }

  it('over real HTTP, and against a server that requires keys', async () => {
    const everyRoute = fc.oneof(...Object.values(routeFuzzers));
    const servers: RunningServer[] = [];
    try {
      const open = await startServer({
        ...setup.options({
          allowedPaths: [join(setup.home, 'allowed')],
          languageModel: fakeModel(model.baseUrl),
        }),
        host: '127.0.0.1',
        port: 0,
        closeResources: async () => undefined,
      });
      await setup.apiKeys.create('fuzzer');
      const guarded = await startServer({
        ...setup.options({
          allowedPaths: [join(setup.home, 'allowed')],
          languageModel: fakeModel(model.baseUrl),
        }),
        host: '127.0.0.1',
        port: 0,
        requireAuth: true,
        closeResources: async () => undefined,
      });
      servers.push(open, guarded);
      for (const server of servers) {
        for (const request of fc.sample(everyRoute, { numRuns: 400, seed: 42 })) {
          sent += 1;
          const response = await fetch(`${server.url}${request.path}`, toInit(request));
          await checkResponse(request, response);
          if (
            server === guarded &&
            !['/health', '/ready'].includes(request.path.split('?')[0] ?? '')
          ) {
            expect([401, 404, 429]).toContain(response.status);
          }
        }
      }
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it('leaves the store intact, logs no server fault and lets nothing escape', async () => {
    await serverApp.jobs.whenIdle();
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(escaped).toEqual([]);
    expect(await setup.knowledgeBase.checkIntegrity()).toEqual({ ok: true, problems: [] });
    const faults = setup.logLines.filter((line) => line.level === 'error');
    expect(faults).toEqual([]);
    const jobs = await setup.knowledgeBase.store.listJobs();
    expect(jobs.every((job) => job.state !== 'running' && job.state !== 'queued')).toBe(true);
  });
});
