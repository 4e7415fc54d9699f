import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { createHealthRegistry, defaultCheckTimeoutMs } from './health.js';
import { redactionCensor } from './secret-patterns.js';

function expectInvalidInput(action: () => unknown, fragment: string): void {
  try {
    action();
  } catch (error) {
    expect(ArchonError.isInstance(error) && error.code === ErrorCode.InvalidInput).toBe(true);
    expect((error as Error).message).toContain(fragment);
    return;
  }
  throw new Error('expected INVALID_INPUT');
}

/** A promise with its resolver outside, to order concurrent checks without clocks. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('createHealthRegistry', () => {
  it('is alive with a growing uptime, and ready with no checks', async () => {
    const health = createHealthRegistry();
    const first = health.liveness();
    expect(first.status).toBe('ok');
    expect(first.uptimeSeconds).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(health.liveness().uptimeSeconds).toBeGreaterThanOrEqual(first.uptimeSeconds);
    expect(await health.readiness()).toEqual({ status: 'ready', checks: [] });
  });

  it('reports each check with status, requirement, latency and detail, in registration order', async () => {
    const health = createHealthRegistry();
    health.register('database', async () => ({ chunks: 3 }), { required: true });
    health.register('cache', async () => undefined, { required: false });
    const report = await health.readiness();
    expect(report.status).toBe('ready');
    expect(report.checks.map((check) => check.name)).toEqual(['database', 'cache']);
    const [database, cache] = report.checks;
    expect(database).toMatchObject({ status: 'pass', required: true, detail: { chunks: 3 } });
    expect(cache).toMatchObject({ status: 'pass', required: false });
    expect(cache && 'detail' in cache).toBe(false);
    for (const check of report.checks) expect(check.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('is not ready when a required check fails, and stays ready when only an optional one does', async () => {
    const health = createHealthRegistry();
    health.register('model', () => Promise.reject(new Error('connection refused')), {
      required: false,
    });
    let report = await health.readiness();
    expect(report.status).toBe('ready');
    expect(report.checks[0]).toMatchObject({
      status: 'fail',
      required: false,
      error: 'connection refused',
    });

    health.register(
      'database',
      () => Promise.reject(new ArchonError(ErrorCode.StorageError, 'disk I/O error')),
      {
        required: true,
      },
    );
    report = await health.readiness();
    expect(report.status).toBe('not-ready');
    expect(report.checks[1]).toMatchObject({
      name: 'database',
      status: 'fail',
      error: 'disk I/O error',
    });
  });

  it('turns thrown values, synchronous throws and long messages into one clean line without secrets', async () => {
    const health = createHealthRegistry();
    health.register('string', () => Promise.reject('plain string reason'), { required: false });
    health.register(
      'sync',
      () => {
        throw new Error('first line\n    at secretFrame (file.js:1:1)');
      },
      { required: false },
    );
    health.register(
      'secret',
      () =>
        Promise.reject(
          new Error('bad key sk-abcdefghijklmnopqrstuvwx for postgres://u:pw123@db/x'),
        ),
      { required: false },
    );
    health.register('empty', () => Promise.reject(new Error('')), { required: false });
    health.register('long', () => Promise.reject(new Error('x'.repeat(2_000))), {
      required: false,
    });
    const errors = Object.fromEntries(
      (await health.readiness()).checks.map((check) => [check.name, check.error]),
    );
    expect(errors).toMatchObject({
      string: 'plain string reason',
      sync: 'first line',
      secret: `bad key ${redactionCensor} for postgres://u:${redactionCensor}@db/x`,
      empty: 'check failed',
    });
    expect(errors.long).toHaveLength(500);
  });

  it('fails a check that outlives its timeout and aborts its signal', async () => {
    const health = createHealthRegistry();
    let seenSignal: AbortSignal | undefined;
    health.register(
      'hanging',
      (signal) => {
        seenSignal = signal;
        return new Promise(() => {});
      },
      { required: true, timeoutMs: 20 },
    );
    const report = await health.readiness();
    expect(report.status).toBe('not-ready');
    expect(report.checks[0]).toMatchObject({ status: 'fail', error: 'timed out after 20 ms' });
    expect(seenSignal?.aborted).toBe(true);
    expect((seenSignal?.reason as ArchonError).code).toBe(ErrorCode.Timeout);
  });

  it('runs checks concurrently: each one can wait for the others to start', async () => {
    const health = createHealthRegistry();
    const names = ['a', 'b', 'c'];
    const started = names.map(() => latch());
    names.forEach((name, index) => {
      health.register(
        name,
        async () => {
          started[index]?.open();
          await Promise.all(started.map((entry) => entry.promise));
          return name;
        },
        { required: true, timeoutMs: 5_000 },
      );
    });
    const report = await health.readiness();
    expect(report.status).toBe('ready');
    expect(report.checks.map((check) => check.detail)).toEqual(names);
  });

  it('reports a slow optional check as failed without holding the others back', async () => {
    const health = createHealthRegistry();
    health.register('slow', () => new Promise((resolve) => setTimeout(resolve, 10_000)), {
      required: false,
      timeoutMs: 30,
    });
    health.register('fast', async () => 'ok', { required: true });
    const report = await health.readiness();
    expect(report.status).toBe('ready');
    expect(report.checks.map((check) => check.status)).toEqual(['fail', 'pass']);
  });

  it('validates registrations and can remove a check', async () => {
    const health = createHealthRegistry();
    const passing = async () => true;
    expectInvalidInput(() => health.register('', passing, { required: true }), 'name');
    expectInvalidInput(() => health.register('Bad Name', passing, { required: true }), 'name');
    expectInvalidInput(
      () =>
        health.register('fn', 'not a function' as unknown as () => Promise<unknown>, {
          required: true,
        }),
      'must be a function',
    );
    for (const timeoutMs of [0, -5, 1.5, 60_001, Number.NaN]) {
      expectInvalidInput(
        () => health.register('timed', passing, { required: true, timeoutMs }),
        'timeout',
      );
    }
    health.register('database', passing, { required: true });
    expectInvalidInput(
      () => health.register('database', passing, { required: true }),
      'already registered',
    );
    expect(health.unregister('database')).toBe(true);
    expect(health.unregister('database')).toBe(false);
    health.register('database', () => Promise.reject(new Error('down')), { required: true });
    expect((await health.readiness()).status).toBe('not-ready');
    expect(defaultCheckTimeoutMs).toBe(2_000);
  });

  it('is not ready once shutting down, while liveness stays ok', async () => {
    const health = createHealthRegistry();
    health.register('database', async () => 'fine', { required: true });
    health.markShuttingDown();
    const report = await health.readiness();
    expect(report.status).toBe('not-ready');
    expect(report.checks[0]).toMatchObject({ name: 'shutdown', status: 'fail', required: true });
    expect(report.checks[1]).toMatchObject({ name: 'database', status: 'pass' });
    expect(health.liveness().status).toBe('ok');
  });
});
