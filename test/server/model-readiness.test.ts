/**
 * The `model` readiness check of `archon serve` against the fake OpenAI-compatible
 * server on loopback: a provider that answers passes; one that fails, is down or too
 * slow fails with a clear reason, making `/ready` 503 only when the settings require
 * the model. The key goes to the provider and nowhere else (not the answer, not the log).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createHealthRegistry } from '../../src/observability/index.js';
import { registerModelReadiness } from '../../src/server/model-readiness.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../support/fake-openai-server.js';
import { createTestSetup, type TestSetup } from './server-test-setup.js';

const apiKey = 'sk-readiness-secret-0123456789abcdef';

interface ReadyAnswer {
  readonly status: number;
  readonly text: string;
  readonly model: Record<string, unknown> | undefined;
}

describe('readiness: the model provider check', () => {
  let provider: FakeOpenAIServer;
  let setup: TestSetup | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    provider = await startFakeOpenAIServer({ apiKey });
  });
  afterAll(async () => {
    await provider.close();
  });
  afterEach(async () => {
    provider.modelsAnswer(undefined);
    await server?.close();
    await setup?.cleanup();
    server = undefined;
    setup = undefined;
  });

  async function serve(environment: Record<string, string>): Promise<void> {
    setup = await createTestSetup({ seed: false, environment });
    server = await startServer({
      ...setup.options(),
      host: '127.0.0.1',
      port: 0,
      closeResources: async () => undefined,
    });
  }

  function modelEnvironment(baseUrl: string, required?: boolean): Record<string, string> {
    return {
      ARCHON_MODEL: 'openai-compatible:fake-coder',
      ARCHON_MODEL_BASE_URL: baseUrl,
      ARCHON_MODEL_API_KEY: apiKey,
      ...(required === undefined
        ? {}
        : { ARCHON_MODEL_REQUIRED_FOR_READINESS: required ? 'true' : 'false' }),
    };
  }

  async function ready(): Promise<ReadyAnswer> {
    const response = await fetch(`${server?.url}/ready`);
    const text = await response.text();
    const body = JSON.parse(text) as { checks: Record<string, unknown>[] };
    return {
      status: response.status,
      text,
      model: body.checks.find((check) => check.name === 'model'),
    };
  }

  function expectNoSecret(answer: ReadyAnswer): void {
    expect(answer.text).not.toContain(apiKey);
    expect(JSON.stringify(setup?.logLines)).not.toContain(apiKey);
  }

  it('registers no model check when no model is configured', async () => {
    await serve({});
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.model).toBeUndefined();
    expect(provider.modelListRequests).toHaveLength(0);
  });

  it('passes with the status and latency when the provider lists its models, sending the key', async () => {
    await serve(modelEnvironment(provider.baseUrl));
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.model).toMatchObject({
      status: 'pass',
      required: false,
      detail: { status: 200, latencyMs: expect.any(Number) },
      latencyMs: expect.any(Number),
    });
    expect(provider.modelListRequests.at(-1)?.authorization).toBe(`Bearer ${apiKey}`);
    expectNoSecret(answer);
  });

  it('fails on a 500: still ready when the model is optional, 503 when it is required', async () => {
    provider.modelsAnswer({ status: 500, message: `exploded with ${apiKey}` });
    await serve(modelEnvironment(provider.baseUrl));
    const optional = await ready();
    expect(optional.status).toBe(200);
    expect(optional.model).toMatchObject({
      status: 'fail',
      required: false,
      error: 'model provider answered HTTP 500',
    });
    expectNoSecret(optional);
    await server?.close();
    await setup?.cleanup();

    await serve(modelEnvironment(provider.baseUrl, true));
    const required = await ready();
    expect(required.status).toBe(503);
    expect(JSON.parse(required.text)).toMatchObject({ status: 'not-ready' });
    expect(required.model).toMatchObject({ status: 'fail', required: true });
    expectNoSecret(required);
  });

  it('fails with the reason when the provider is down or resets the connection', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    await serve(modelEnvironment(`http://127.0.0.1:${closedPort}/v1`, true));
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.model).toMatchObject({ status: 'fail', required: true });
    expect(down.model?.error).toMatch(/^model provider unreachable: .*ECONNREFUSED/);
    expectNoSecret(down);
    await server?.close();
    await setup?.cleanup();

    provider.modelsAnswer({ reset: true });
    await serve(modelEnvironment(provider.baseUrl));
    const reset = await ready();
    expect(reset.status).toBe(200);
    expect(reset.model?.error).toMatch(/^model provider unreachable: /);
  });

  it('fails with the timeout when the provider is too slow', async () => {
    provider.modelsAnswer({ delayMs: 10_000 });
    await serve(modelEnvironment(provider.baseUrl, true));
    const answer = await ready();
    expect(answer.status).toBe(503);
    expect(answer.model).toMatchObject({ status: 'fail', error: 'timed out after 2000 ms' });
  });

  it('fails with the configuration error when the model cannot be resolved', async () => {
    await serve({ ARCHON_MODEL: 'openai:gpt-4o', ARCHON_MODEL_REQUIRED_FOR_READINESS: '1' });
    const answer = await ready();
    expect(answer.status).toBe(503);
    expect(answer.model?.error).toMatch(/needs an API key: set OPENAI_API_KEY/);
  });
});

describe('registerModelReadiness', () => {
  it('asks the provider at most once per cache period, failures included', async () => {
    const provider = await startFakeOpenAIServer({ apiKey });
    try {
      const setup = await createTestSetup({
        seed: false,
        environment: {
          ARCHON_MODEL: 'openai-compatible:fake-coder',
          ARCHON_MODEL_BASE_URL: provider.baseUrl,
          ARCHON_MODEL_API_KEY: apiKey,
        },
      });
      let now = 0;
      const health = createHealthRegistry();
      expect(registerModelReadiness(health, setup.settings, { clock: () => now })).toBe(true);
      const reports = await Promise.all([health.readiness(), health.readiness()]);
      expect(reports.map((report) => report.checks[0]?.status)).toEqual(['pass', 'pass']);
      now = 4_999;
      provider.modelsAnswer({ status: 503 });
      expect((await health.readiness()).checks[0]?.status).toBe('pass');
      expect(provider.modelListRequests).toHaveLength(1);
      now = 5_000;
      expect((await health.readiness()).checks[0]?.error).toBe('model provider answered HTTP 503');
      now = 9_999;
      expect((await health.readiness()).checks[0]?.status).toBe('fail');
      expect(provider.modelListRequests).toHaveLength(2);
      await setup.cleanup();
    } finally {
      await provider.close();
    }
  });
});
