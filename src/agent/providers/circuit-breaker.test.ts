import { describe, expect, it } from 'vitest';

import { createCircuitBreakerRegistry } from './circuit-breaker.js';
import { cancelledError, modelFailure } from './provider-errors.js';

const transient = (): Promise<never> =>
  Promise.reject(
    modelFailure('m answered HTTP 503: down', { model: 'm', retryable: true, status: 503 }),
  );
const final = (): Promise<never> =>
  Promise.reject(modelFailure('m answered HTTP 400', { model: 'm', retryable: false }));
const fine = (): Promise<string> => Promise.resolve('ok');

function setup(failureThreshold = 2, cooldownMs = 10_000) {
  const clock = { now: 0 };
  const registry = createCircuitBreakerRegistry({
    failureThreshold,
    cooldownMs,
    now: () => clock.now,
  });
  return { clock, registry, breaker: registry.breakerFor('openai@https://api') };
}

describe('provider circuit breaker', () => {
  it('opens after consecutive retryable failures and fails fast with a final PROVIDER_ERROR', async () => {
    const { breaker, clock } = setup();
    await expect(breaker.execute(transient, 'm')).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(transient, 'm')).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('open');
    clock.now = 2500;
    let called = false;
    const error = await breaker
      .execute(async () => {
        called = true;
      }, 'm')
      .catch((caught: unknown) => caught);
    expect(called).toBe(false);
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { circuitOpen: true, retryable: false, retryAfterMs: 7500 },
    });
    expect((error as Error).message).toBe(
      'm: circuit breaker for openai@https://api is open after repeated failures, failing fast for 8 s more; last error: m answered HTTP 503: down',
    );
  });

  it('lets one probe through after the cooldown: success closes it', async () => {
    const { breaker, clock } = setup(1);
    await breaker.execute(transient, 'm').catch(() => undefined);
    clock.now = 9_999;
    await expect(breaker.execute(fine, 'm')).rejects.toMatchObject({
      details: { circuitOpen: true },
    });
    clock.now = 10_000;
    await expect(breaker.execute(fine, 'm')).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('reopens for a fresh cooldown when the probe fails', async () => {
    const { breaker, clock } = setup(1);
    await breaker.execute(transient, 'm').catch(() => undefined);
    clock.now = 10_000;
    await expect(breaker.execute(transient, 'm')).rejects.toThrow('HTTP 503');
    expect(breaker.state).toBe('open');
    clock.now = 19_999;
    await expect(breaker.execute(fine, 'm')).rejects.toMatchObject({
      details: { circuitOpen: true },
    });
    clock.now = 20_000;
    await expect(breaker.execute(fine, 'm')).resolves.toBe('ok');
  });

  it('makes concurrent callers wait for the probe instead of piling on', async () => {
    const { breaker, clock } = setup(1);
    await breaker.execute(transient, 'm').catch(() => undefined);
    clock.now = 10_000;
    let release: (value: string) => void = () => undefined;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (release = resolve)), 'm');
    expect(breaker.state).toBe('half-open');
    const waiting = breaker.execute(fine, 'm');
    release('probe');
    await expect(probe).resolves.toBe('probe');
    await expect(waiting).resolves.toBe('ok');
  });

  it('does not count final failures, and success resets the count', async () => {
    const { breaker } = setup(2);
    await breaker.execute(transient, 'm').catch(() => undefined);
    await breaker.execute(final, 'm').catch(() => undefined);
    await breaker.execute(fine, 'm');
    await breaker.execute(transient, 'm').catch(() => undefined);
    expect(breaker.state).toBe('closed');
    await breaker.execute(() => Promise.reject(cancelledError('m')), 'm').catch(() => undefined);
    expect(breaker.state).toBe('closed');
  });

  it('keeps one breaker per key', () => {
    const { registry } = setup();
    expect(registry.breakerFor('a')).toBe(registry.breakerFor('a'));
    expect(registry.breakerFor('a')).not.toBe(registry.breakerFor('b'));
  });

  it('refuses bad settings with INVALID_CONFIG', () => {
    for (const options of [
      { failureThreshold: 0 },
      { failureThreshold: 1.5 },
      { cooldownMs: -1 },
      { cooldownMs: Number.NaN },
    ]) {
      expect(() => createCircuitBreakerRegistry(options)).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIG' }),
      );
    }
  });
});
