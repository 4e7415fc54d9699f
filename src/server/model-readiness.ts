/**
 * The `model` readiness check of `archon serve`: when a model is configured, `GET /ready`
 * asks its provider for the model list (cheap, no tokens), at most once per
 * {@link modelCheckCacheMs} however often the probes come. It is optional unless
 * `modelAccess.requiredForReadiness` is set: a server that answers knowledge queries
 * stays in rotation while the model is away, one that only runs agents should not.
 */
import type { Settings } from '../config/settings-schema.js';
import { modelProbeFromSettings } from '../engineer/model-from-settings.js';
import { cachedCheck } from '../observability/cached-check.js';
import { modelProviderCheck } from '../observability/health-checks.js';
import type { HealthCheck, HealthRegistry } from '../observability/health-types.js';

/** How long one answer of the provider is reused. */
export const modelCheckCacheMs = 5_000;
/** How long the provider may take to answer the probe. */
export const modelCheckTimeoutMs = 2_000;

/** Options of {@link registerModelReadiness}. */
export interface ModelReadinessOptions {
  /** The fetch of the probe; the global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Milliseconds, for the cache; tests inject one. */
  readonly clock?: () => number;
}

/**
 * Registers the `model` check when `settings.model` is set; returns whether it did. A
 * model configuration that cannot be resolved (a missing key) registers a check that
 * fails with the configuration error, so `/ready` says what to fix.
 */
export function registerModelReadiness(
  health: HealthRegistry,
  settings: Settings,
  options: ModelReadinessOptions = {},
): boolean {
  if (settings.model === undefined) return false;
  health.register('model', modelCheck(settings, options), {
    required: settings.modelAccess.requiredForReadiness,
    timeoutMs: modelCheckTimeoutMs,
  });
  return true;
}

function modelCheck(settings: Settings, options: ModelReadinessOptions): HealthCheck {
  let check: HealthCheck;
  try {
    const probe = modelProbeFromSettings(settings);
    check = modelProviderCheck({
      url: probe.url,
      headers: probe.headers,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch (error) {
    return () => Promise.reject(error);
  }
  return cachedCheck(check, {
    ttlMs: modelCheckCacheMs,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
