import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ModelRequest } from '../../../src/agent/language-model.js';
import { createCircuitBreakerRegistry } from '../../../src/agent/providers/circuit-breaker.js';
import type {
  ModelRetryEvent,
  ResilienceOptions,
} from '../../../src/agent/providers/model-resilience.js';
import { resolveModel } from '../../../src/agent/providers/resolve-model.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../support/fake-openai-server.js';

const apiKey = 'sk-proj-very-secret-0123456789';
const request: ModelRequest = {
  system: 'sys',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [],
};

let server: FakeOpenAIServer;
let waits: number[];
let retries: ModelRetryEvent[];

beforeAll(async () => {
  server = await startFakeOpenAIServer({ apiKey });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  waits = [];
  retries = [];
});

function model(resilience: ResilienceOptions = {}, key = apiKey) {
  return resolveModel('openai:gpt-4o', {
    apiKeys: { openai: key },
    baseUrl: server.baseUrl,
    resilience: {
      circuitBreakers: createCircuitBreakerRegistry(),
      sleep: async (milliseconds) => void waits.push(milliseconds),
      random: () => 0.5,
      onRetry: (event) => retries.push(event),
      ...resilience,
    },
  });
}

async function requestsDuring(
  action: () => Promise<unknown>,
): Promise<{ result: unknown; requests: number }> {
  const before = server.requests.length;
  const result = await action().catch((error: unknown) => error);
  return { result, requests: server.requests.length - before };
}

describe('retries over HTTP', () => {
  it('honours Retry-After in seconds on 429, then succeeds', async () => {
    server.script({ status: 429, retryAfter: 7, message: 'Rate limit reached' }, { text: 'ok' });
    const { result, requests } = await requestsDuring(() => model().doGenerate(request));
    expect(result).toMatchObject({ parts: [{ type: 'text', text: 'ok' }] });
    expect(requests).toBe(2);
    expect(waits).toEqual([7000]);
    expect(retries[0]).toMatchObject({
      model: 'openai:gpt-4o',
      attempt: 1,
      delayMs: 7000,
      error: { details: { status: 429 } },
    });
  });

  it('honours Retry-After as an HTTP date and caps long hints', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    server.script(
      { status: 429, retryAfter: inTenSeconds },
      { status: 503, retryAfter: 3600 },
      { text: 'ok' },
    );
    await model({ maxRetryAfterMs: 20_000 }).doGenerate(request);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(5000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
    expect(waits[1]).toBe(20_000);
  });

  it('backs off exponentially with jitter on 500 twice, then succeeds', async () => {
    server.script({ status: 500 }, { status: 502 }, { text: 'ok' });
    const { requests } = await requestsDuring(() =>
      model({ backoffBaseMs: 1000 }).doGenerate(request),
    );
    expect(requests).toBe(3);
    expect(waits).toEqual([500, 1000]); // random 0.5 of ceilings 1000 and 2000
  });

  it('times an attempt out, then succeeds', async () => {
    server.script({ delayMs: 5000, text: 'too late' }, { text: 'in time' });
    const { result, requests } = await requestsDuring(() =>
      model({ timeoutMs: 150 }).doGenerate(request),
    );
    expect(result).toMatchObject({ parts: [{ type: 'text', text: 'in time' }] });
    expect(requests).toBe(2);
    expect(retries[0]?.error.details).toMatchObject({ timedOut: true, retryable: true });
  });

  it('retries a dropped connection', async () => {
    server.script({ reset: true }, { text: 'back' });
    const { result, requests } = await requestsDuring(() => model().doGenerate(request));
    expect(result).toMatchObject({ parts: [{ type: 'text', text: 'back' }] });
    expect(requests).toBe(2);
  });

  it('retries a refused connection and gives up with PROVIDER_ERROR', async () => {
    const closed = await startFakeOpenAIServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const refused = resolveModel('openai:gpt-4o', {
      apiKey,
      baseUrl,
      resilience: {
        circuitBreakers: false,
        maxRetries: 2,
        sleep: async (milliseconds) => void waits.push(milliseconds),
      },
    });
    const error = await refused.doGenerate(request).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', details: { attempts: 3 } });
    expect((error as Error).message).toMatch(/could not be reached.*gave up after 3 attempts/);
    expect(waits).toHaveLength(2);
  });

  it('gives up after the last retry with PROVIDER_ERROR and the attempt count', async () => {
    server.respondWith(() => ({ status: 503, message: 'upstream overloaded' }));
    try {
      const { result, requests } = await requestsDuring(() =>
        model({ maxRetries: 3 }).doGenerate(request),
      );
      expect(requests).toBe(4);
      expect(result).toMatchObject({
        code: 'PROVIDER_ERROR',
        message: 'openai:gpt-4o answered HTTP 503: upstream overloaded (gave up after 4 attempts)',
        details: { status: 503, attempts: 4, retryable: false },
      });
      expect(waits).toEqual([500, 1000, 2000]);
    } finally {
      server.respondWith(undefined);
    }
  });

  it('does not retry 400 and reports the provider message', async () => {
    server.script({ status: 400, message: "Invalid 'messages': too long" });
    const { result, requests } = await requestsDuring(() => model().doGenerate(request));
    expect(requests).toBe(1);
    expect(result).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: "openai:gpt-4o answered HTTP 400: Invalid 'messages': too long",
      details: { status: 400, attempts: 1 },
    });
  });

  it('never shows the key, even when the server echoes it', async () => {
    const wrongKey = 'sk-wrong-but-still-secret-999';
    const { result, requests } = await requestsDuring(() =>
      model({}, wrongKey).doGenerate(request),
    );
    expect(requests).toBe(1);
    expect(result).toMatchObject({ code: 'PROVIDER_ERROR', details: { status: 401 } });
    const error = result as Error & { cause?: unknown };
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    for (const text of [
      error.message,
      JSON.stringify(error),
      String(error.stack),
      String(error.cause),
    ]) {
      expect(text).not.toContain(wrongKey);
      expect(text).not.toContain(apiKey);
    }
  });
});

describe('circuit breaker over HTTP', () => {
  it('opens after consecutive failures, fails fast, then half-opens and closes on success', async () => {
    let clock = 1_000_000;
    const circuitBreakers = createCircuitBreakerRegistry({
      failureThreshold: 3,
      cooldownMs: 30_000,
      now: () => clock,
    });
    const flaky = model({ circuitBreakers, maxRetries: 1 });
    server.script({ status: 500 }, { status: 500 }, { status: 500 });

    const first = await requestsDuring(() => flaky.doGenerate(request));
    expect(first.requests).toBe(2);
    expect(first.result).toMatchObject({ details: { status: 500, attempts: 2 } });

    const second = await requestsDuring(() => flaky.doGenerate(request));
    expect(second.requests).toBe(1); // the third consecutive failure opens the circuit
    expect(second.result).toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { circuitOpen: true, attempts: 2 },
    });

    clock += 29_000;
    const fast = await requestsDuring(() => flaky.doGenerate(request));
    expect(fast.requests).toBe(0);
    expect(fast.result).toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { circuitOpen: true, attempts: 1 },
    });
    expect((fast.result as Error).message).toMatch(
      /circuit breaker for openai@http:\/\/127\.0\.0\.1:\d+\/v1 is open.*1 s more; last error: .*HTTP 500/,
    );

    clock += 1_000;
    server.script({ text: 'recovered' });
    const probe = await requestsDuring(() => flaky.doGenerate(request));
    expect(probe.requests).toBe(1);
    expect(probe.result).toMatchObject({ parts: [{ text: 'recovered' }] });
  });

  it('reopens when the half-open probe fails', async () => {
    let clock = 0;
    const circuitBreakers = createCircuitBreakerRegistry({
      failureThreshold: 1,
      cooldownMs: 1000,
      now: () => clock,
    });
    const flaky = model({ circuitBreakers, maxRetries: 0 });
    server.script({ status: 500 }, { status: 502 });
    await flaky.doGenerate(request).catch(() => undefined);
    clock += 1000;
    const probe = await requestsDuring(() => flaky.doGenerate(request));
    expect(probe.requests).toBe(1);
    expect(probe.result).toMatchObject({ details: { status: 502 } });
    const after = await requestsDuring(() => flaky.doGenerate(request));
    expect(after.requests).toBe(0);
    expect(after.result).toMatchObject({ details: { circuitOpen: true } });
  });
});

describe('cancellation over HTTP', () => {
  it('ends a slow request at once as CANCELLED and never retries it', async () => {
    server.script({ delayMs: 5000, text: 'too late' });
    const controller = new AbortController();
    const before = server.requests.length;
    const pending = model().doGenerate(request, { abortSignal: controller.signal });
    await waitFor(() => server.requests.length > before);
    controller.abort();
    const result = await pending.catch((error: unknown) => error);
    expect(result).toMatchObject({
      code: 'CANCELLED',
      message: 'request to openai:gpt-4o was cancelled',
    });
    expect(server.requests.length - before).toBe(1);
    expect(retries).toEqual([]);
  });

  it('cancels during the wait between attempts', async () => {
    server.script({ status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const sleepUntilAborted = (_milliseconds: number, signal?: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')));
        controller.abort();
      });
    const { result, requests } = await requestsDuring(() =>
      model({ sleep: sleepUntilAborted }).doGenerate(request, { abortSignal: controller.signal }),
    );
    expect(result).toMatchObject({ code: 'CANCELLED' });
    expect(requests).toBe(1);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
