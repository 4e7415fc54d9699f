/**
 * Resilience options checked and filled with defaults once, when a model is built, so
 * a typo in configuration fails at start-up with INVALID_CONFIG instead of mid-run.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';

/** The numeric resilience settings, all present and in range. */
export interface ResilienceSettings {
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly maxRetryAfterMs: number;
}

/** Defaults and ranges of each setting. */
const limits: Record<keyof ResilienceSettings, { value: number; min: number; max: number }> = {
  maxRetries: { value: 4, min: 0, max: 10 },
  timeoutMs: { value: 300_000, min: 1, max: 3_600_000 },
  backoffBaseMs: { value: 1000, min: 0, max: 600_000 },
  backoffCapMs: { value: 30_000, min: 0, max: 600_000 },
  maxRetryAfterMs: { value: 60_000, min: 0, max: 600_000 },
};

/** `options` with defaults; throws INVALID_CONFIG for a value out of range. */
export function resilienceSettings(options: Partial<ResilienceSettings>): ResilienceSettings {
  const settings = {} as Record<keyof ResilienceSettings, number>;
  for (const key of Object.keys(limits) as (keyof ResilienceSettings)[]) {
    const { value: fallback, min, max } = limits[key];
    const value = options[key] ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `model resilience ${key} must be an integer from ${min} to ${max}, got ${String(value)}`,
      );
    }
    settings[key] = value;
  }
  return settings;
}
