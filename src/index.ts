/**
 * The library surface of Archon Engineer: the knowledge base, the agent runtime with
 * its scripted test models, the Implementation Engineer, configuration and errors.
 */
export * from './agent/index.js';
export {
  resolveModel,
  type ResolveModelOptions,
  withModelResilience,
} from './agent/providers/index.js';
export { loadSettings, type SettingsOverrides } from './config/load-settings.js';
export type { Settings } from './config/settings-schema.js';
export type { EmbeddingModel, EmbeddingSpec } from './core/embedding-model.js';
export { ArchonError, ErrorCode, toArchonError } from './core/errors.js';
export type { KnowledgeStore } from './core/knowledge-store.js';
export type * from './core/knowledge-types.js';
export type { RunRecord, RunStore } from './core/run-store.js';
export type { VectorIndex } from './core/vector-index.js';
export { type AskAnswer, askQuestion, type AskRequest } from './engineer/ask-question.js';
export {
  type ImplementEnvironment,
  type ImplementRequest,
  implementTask,
} from './engineer/implement-task.js';
export {
  type ImplementationReport,
  renderReportMarkdown,
} from './engineer/implementation-report.js';
export { openRunStore } from './engineer/open-run-store.js';
export { undoRun } from './engineer/undo-run.js';
export { chunkDocument } from './knowledge/chunk/chunk-document.js';
export * from './knowledge/embed/index.js';
export { evaluateRetrieval, type RetrievalReport } from './knowledge/eval/evaluate-retrieval.js';
export { type IngestRequest, KnowledgeBase } from './knowledge/knowledge-base.js';
export { openKnowledgeBase } from './knowledge/open-knowledge-base.js';
export { ensureEngineeringPack } from './knowledge/pack/engineering-pack.js';
export type { SearchRequest, SearchResult } from './knowledge/search/hybrid-search.js';
export { SqliteKnowledgeStore } from './storage/sqlite/sqlite-knowledge-store.js';
export { SqliteRunStore } from './storage/sqlite/sqlite-run-store.js';
