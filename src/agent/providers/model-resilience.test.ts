import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import type {
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
} from '../language-model.js';
import { createCircuitBreakerRegistry } from './circuit-breaker.js';
import {
  type ModelRetryEvent,
  type ResilienceOptions,
  withModelResilience,
} from './model-resilience.js';
import { cancelledError, modelFailure } from './provider-errors.js';

const request: ModelRequest = {
  system: '',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [],
};
const reply: ModelResponse = {
  parts: [{ type: 'text', text: 'ok' }],
  usage: { inputTokens: 1, outputTokens: 1 },
  finishReason: 'stop',
};

type Step = (options: ModelCallOptions | undefined) => Promise<ModelResponse>;

const ok: Step = async () => reply;
const status =
  (code: number, retryAfterMs?: number): Step =>
  async () => {
    throw modelFailure(`m answered HTTP ${code}`, {
      model: 'test:m',
      retryable: code === 429 || code >= 500,
      status: code,
      retryAfterMs,
    });
  };
/** Behaves like the adapter on abort: waits for the signal, then throws CANCELLED. */
const hang: Step = (options) =>
  new Promise((_resolve, reject) => {
    options?.abortSignal?.addEventListener('abort', () => reject(cancelledError('test:m')));
  });

function scripted(steps: Step[], contextWindow?: number) {
  const calls: (ModelCallOptions | undefined)[] = [];
  const model: LanguageModel = {
    provider: 'test',
    modelId: 'm',
    ...(contextWindow === undefined ? {} : { contextWindow }),
    doGenerate: (_request, options) => {
      calls.push(options);
      const step = steps.shift();
      if (step === undefined) throw new Error('no step left');
      return step(options);
    },
  };
  return { model, calls };
}

function resilient(steps: Step[], options: ResilienceOptions = {}) {
  const waits: number[] = [];
  const events: ModelRetryEvent[] = [];
  const { model, calls } = scripted(steps);
  const wrapped = withModelResilience(model, {
    circuitBreakers: false,
    sleep: async (milliseconds) => void waits.push(milliseconds),
    random: () => 0.5,
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { wrapped, calls, waits, events };
}

describe('withModelResilience', () => {
  it('passes a first success through with the model identity', async () => {
    const { model } = scripted([ok], 8000);
    const wrapped = withModelResilience(model, { circuitBreakers: false });
    expect(wrapped).toMatchObject({ provider: 'test', modelId: 'm', contextWindow: 8000 });
    await expect(wrapped.doGenerate(request)).resolves.toBe(reply);
    expect(
      'contextWindow' in withModelResilience(scripted([]).model, { circuitBreakers: false }),
    ).toBe(false);
  });

  it('retries retryable failures with capped exponential backoff and full jitter', async () => {
    const { wrapped, calls, waits, events } = resilient(
      [status(500), status(502), status(503), status(504), ok],
      {
        backoffBaseMs: 1000,
        backoffCapMs: 5000,
      },
    );
    await expect(wrapped.doGenerate(request)).resolves.toBe(reply);
    expect(calls).toHaveLength(5);
    expect(waits).toEqual([500, 1000, 2000, 2500]);
    expect(
      events.map((event) => [event.attempt, event.delayMs, event.error.details.status]),
    ).toEqual([
      [1, 500, 500],
      [2, 1000, 502],
      [3, 2000, 503],
      [4, 2500, 504],
    ]);
  });

  it('waits what the server asked for, capped', async () => {
    const { wrapped, waits } = resilient([status(429, 4000), status(429, 900_000), ok], {
      maxRetryAfterMs: 10_000,
    });
    await wrapped.doGenerate(request);
    expect(waits).toEqual([4000, 10_000]);
  });

  it('gives up after maxRetries with the attempt count and no longer retryable', async () => {
    const { wrapped, calls } = resilient([status(500), status(500), status(500)], {
      maxRetries: 2,
    });
    const error = await wrapped.doGenerate(request).catch((caught: unknown) => caught);
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: 'm answered HTTP 500 (gave up after 3 attempts)',
      details: { status: 500, attempts: 3, retryable: false },
    });
  });

  it('does not retry final failures or foreign errors', async () => {
    const final = resilient([status(400), ok]);
    await expect(final.wrapped.doGenerate(request)).rejects.toMatchObject({
      details: { status: 400, attempts: 1 },
    });
    expect(final.calls).toHaveLength(1);
    const bug = new TypeError('bug');
    const foreign = resilient([() => Promise.reject(bug), ok]);
    await expect(foreign.wrapped.doGenerate(request)).rejects.toBe(bug);
    const timeout = new ArchonError(ErrorCode.Timeout, 'x');
    await expect(
      resilient([() => Promise.reject(timeout)]).wrapped.doGenerate(request),
    ).rejects.toBe(timeout);
  });

  it('times out a hanging attempt and retries it', async () => {
    const { wrapped, calls, events } = resilient([hang, ok], { timeoutMs: 20 });
    await expect(wrapped.doGenerate(request)).resolves.toBe(reply);
    expect(calls).toHaveLength(2);
    expect(events[0]?.error.toJSON()).toEqual({
      code: 'PROVIDER_ERROR',
      message: 'test:m did not answer within 20 ms',
      details: { model: 'test:m', retryable: true, timedOut: true },
    });
  });

  it('cancels at once, before, during and between attempts, without retrying', async () => {
    const before = new AbortController();
    before.abort();
    const early = resilient([ok]);
    await expect(
      early.wrapped.doGenerate(request, { abortSignal: before.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(early.calls).toHaveLength(0);

    const during = new AbortController();
    const hanging = resilient([hang, ok]);
    const pending = hanging.wrapped.doGenerate(request, { abortSignal: during.signal });
    during.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(hanging.calls).toHaveLength(1);

    const between = new AbortController();
    const sleeping = resilient([status(503), ok], {
      sleep: async () => {
        between.abort();
      },
    });
    await expect(
      sleeping.wrapped.doGenerate(request, { abortSignal: between.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(sleeping.calls).toHaveLength(1);
  });

  it('passes on a failing sleep that was not an abort', async () => {
    const failure = new Error('timer broke');
    const { wrapped } = resilient([status(503), ok], { sleep: () => Promise.reject(failure) });
    await expect(wrapped.doGenerate(request)).rejects.toBe(failure);
  });

  it('sleeps for real by default, and an abort cuts the sleep short', async () => {
    const { model } = scripted([status(503, 60_000), ok]);
    const wrapped = withModelResilience(model, { circuitBreakers: false });
    const controller = new AbortController();
    const pending = wrapped.doGenerate(request, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('stops retrying when the circuit opens and uses the named breaker', async () => {
    const circuitBreakers = createCircuitBreakerRegistry({ failureThreshold: 2, now: () => 0 });
    const { wrapped, calls } = resilient([status(500), status(500), ok], {
      circuitBreakers,
      circuitBreakerKey: 'test@local',
    });
    await expect(wrapped.doGenerate(request)).rejects.toMatchObject({
      details: { circuitOpen: true, attempts: 3 },
    });
    expect(calls).toHaveLength(2);
    expect(circuitBreakers.breakerFor('test@local').state).toBe('open');
  });

  it('uses the shared registry, keyed by provider, unless told otherwise', async () => {
    const { wrapped } = resilient([ok], { circuitBreakers: undefined });
    await expect(wrapped.doGenerate(request)).resolves.toBe(reply);
  });

  it('refuses bad settings with INVALID_CONFIG', () => {
    for (const options of [
      { maxRetries: -1 },
      { maxRetries: 11 },
      { timeoutMs: 0 },
      { backoffBaseMs: 1.5 },
      { maxRetryAfterMs: Number.NaN },
    ]) {
      expect(() => withModelResilience(scripted([]).model, options)).toThrow(
        expect.objectContaining({
          code: 'INVALID_CONFIG',
          message: expect.stringMatching(/^model resilience \w+ must be an integer/),
        }),
      );
    }
  });
});
