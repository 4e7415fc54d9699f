/**
 * The shapes of liveness and readiness: checks, their options and results, and the
 * registry contract. Kept apart so ready-made checks can name them without a cycle.
 */

/** A readiness check: resolves (with optional detail) when healthy, rejects when not. */
export type HealthCheck = (signal: AbortSignal) => Promise<unknown>;

/** How a check counts. */
export interface HealthCheckOptions {
  /** When true, a failure makes the process not ready. */
  readonly required: boolean;
  /** How long the check may take before it fails. Default 2,000 ms. */
  readonly timeoutMs?: number;
}

/** The outcome of one check. */
export interface HealthCheckResult {
  readonly name: string;
  readonly status: 'pass' | 'fail';
  readonly required: boolean;
  readonly latencyMs: number;
  /** What the check resolved with, when anything. */
  readonly detail?: unknown;
  /** Why it failed: a one-line message, secrets removed. */
  readonly error?: string;
}

/** The answer of `GET /ready`. */
export interface ReadinessReport {
  readonly status: 'ready' | 'not-ready';
  readonly checks: readonly HealthCheckResult[];
}

/** The answer of `GET /health`. */
export interface LivenessReport {
  readonly status: 'ok';
  readonly uptimeSeconds: number;
}

/** The checks of one process. */
export interface HealthRegistry {
  /** Adds a check. Throws INVALID_INPUT for an empty or taken name or a bad timeout. */
  register(name: string, check: HealthCheck, options: HealthCheckOptions): void;
  /** Removes a check; false when there was none by that name. */
  unregister(name: string): boolean;
  /** Always ok while the process runs, with the seconds since the registry was made. */
  liveness(): LivenessReport;
  /** Runs every check concurrently under its timeout. */
  readiness(): Promise<ReadinessReport>;
  /** From now on readiness is not-ready (graceful shutdown: leave the load balancer first). */
  markShuttingDown(): void;
}
