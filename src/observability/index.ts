/**
 * The observability layer in one import: the logger, the metrics registry and the
 * health registry that the HTTP server, the MCP server and the CLI share.
 */
export { cachedCheck, type CachedCheckOptions } from './cached-check.js';
export {
  cacheCheck,
  createHealthRegistry,
  databaseCheck,
  defaultCheckTimeoutMs,
  modelProviderCheck,
  type ModelProviderCheckOptions,
} from './health.js';
export type {
  HealthCheck,
  HealthCheckOptions,
  HealthCheckResult,
  HealthRegistry,
  LivenessReport,
  ReadinessReport,
} from './health-types.js';
export {
  childWithRequestId,
  createLogger,
  createRequestId,
  defaultRedactPaths,
  isValidRequestId,
  type Logger,
  type LoggerOptions,
} from './logger.js';
export { metricNames } from './metric-names.js';
export {
  type ArchonMetrics,
  createMetrics,
  type HttpRequestSample,
  type JobCounts,
  type JobCountsSource,
  type MetricsOptions,
  type ModelUsageSample,
} from './metrics.js';
export { redactionCensor, redactJsonLine, redactSecretText } from './secret-patterns.js';
