/**
 * Liveness and readiness. Liveness says only that the process answers; readiness runs
 * every registered check (database, cache, model provider...) concurrently, each
 * under its own timeout, and is not ready when a required check fails. An optional
 * check that fails is reported but keeps the process in rotation.
 */
import { performance } from 'node:perf_hooks';

import { ArchonError, ErrorCode } from '../core/errors.js';
import type { HealthCheck, HealthCheckResult, HealthRegistry } from './health-types.js';
import { redactSecretText } from './secret-patterns.js';

export {
  cacheCheck,
  databaseCheck,
  modelProviderCheck,
  type ModelProviderCheckOptions,
} from './health-checks.js';
export type {
  HealthCheck,
  HealthCheckOptions,
  HealthCheckResult,
  HealthRegistry,
  LivenessReport,
  ReadinessReport,
} from './health-types.js';

/** Default time a check may take. */
export const defaultCheckTimeoutMs = 2_000;
const namePattern = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

interface RegisteredCheck {
  readonly name: string;
  readonly check: HealthCheck;
  readonly required: boolean;
  readonly timeoutMs: number;
}

function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] ?? '';
  return redactSecretText(firstLine.length > 0 ? firstLine : 'check failed').slice(0, 500);
}

function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}

async function runCheck(entry: RegisteredCheck): Promise<HealthCheckResult> {
  const controller = new AbortController();
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new ArchonError(ErrorCode.Timeout, `timed out after ${entry.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, entry.timeoutMs);
  });
  const base = { name: entry.name, required: entry.required };
  try {
    const detail = await Promise.race([
      Promise.resolve().then(() => entry.check(controller.signal)),
      timeout,
    ]);
    const latencyMs = elapsedMs(startedAt);
    return detail === undefined
      ? { ...base, status: 'pass', latencyMs }
      : { ...base, status: 'pass', latencyMs, detail };
  } catch (error) {
    return {
      ...base,
      status: 'fail',
      latencyMs: elapsedMs(startedAt),
      error: failureMessage(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Creates an empty registry of readiness checks. */
export function createHealthRegistry(): HealthRegistry {
  const checks = new Map<string, RegisteredCheck>();
  const startedAt = performance.now();
  let shuttingDown = false;

  return {
    register(name, check, options) {
      if (typeof name !== 'string' || !namePattern.test(name)) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `health check name must be 1 to 64 of a-z, 0-9, '_', '.', '-', got '${String(name)}'`,
        );
      }
      if (checks.has(name)) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `health check '${name}' is already registered`,
        );
      }
      if (typeof check !== 'function') {
        throw new ArchonError(ErrorCode.InvalidInput, `health check '${name}' must be a function`);
      }
      const timeoutMs = options.timeoutMs ?? defaultCheckTimeoutMs;
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `health check '${name}' timeout must be an integer from 1 to 60000 ms, got ${timeoutMs}`,
        );
      }
      checks.set(name, { name, check, required: options.required === true, timeoutMs });
    },
    unregister(name) {
      return checks.delete(name);
    },
    liveness() {
      return { status: 'ok', uptimeSeconds: Math.round(performance.now() - startedAt) / 1000 };
    },
    async readiness() {
      const results = await Promise.all([...checks.values()].map(runCheck));
      if (shuttingDown) {
        results.unshift({
          name: 'shutdown',
          status: 'fail',
          required: true,
          latencyMs: 0,
          error: 'the server is shutting down',
        });
      }
      const ready = results.every((result) => result.status === 'pass' || !result.required);
      return { status: ready ? 'ready' : 'not-ready', checks: results };
    },
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}
