/**
 * The names of Archon's own metrics, in one place so dashboards, alerts and tests
 * agree. Prometheus conventions: an `archon_` application prefix, base units in the
 * name (`_seconds`), `_total` on counters only; a histogram's name carries its unit.
 */
export const metricNames = {
  httpRequests: 'archon_http_requests_total',
  httpRequestDuration: 'archon_http_request_duration_seconds',
  activeRuns: 'archon_active_runs',
  jobs: 'archon_jobs',
  ingestDocuments: 'archon_ingest_documents_total',
  ingestChunks: 'archon_ingest_chunks_total',
  ingestDuration: 'archon_ingest_duration_seconds',
  searchRequests: 'archon_search_requests_total',
  searchDuration: 'archon_search_duration_seconds',
  modelTokens: 'archon_model_tokens_total',
  modelCost: 'archon_model_cost_usd_total',
  cacheHits: 'archon_cache_hits_total',
  cacheMisses: 'archon_cache_misses_total',
  metricCollectionErrors: 'archon_metric_collection_errors_total',
} as const;
