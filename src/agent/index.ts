/**
 * The agent runtime's public surface: agents, typed tools, budgets, pricing, events,
 * results, our message format and model contract, and the scripted test models. Model
 * adapters for real providers live in `./providers/`.
 */
export { Agent } from './agent.js';
export type {
  AgentMessage,
  AssistantPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from './agent-messages.js';
export type { AgentOptions, Instructions, ModelSettings, RunOptions } from './agent-options.js';
export { type AgentTool, defineTool, type ToolDefinition } from './agent-tool.js';
export type { ContextOptions } from './context-window.js';
export { finalResultToolName, type OutputOptions, type OutputValidator } from './final-output.js';
export { toModelJsonSchema } from './json-schema.js';
export type {
  FinishReason,
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
  ModelToolDefinition,
  ModelUsage,
} from './language-model.js';
export { canonicalJson, type LoopDetectionMode } from './loop-detector.js';
export {
  costUsd,
  defaultPriceTable,
  fallbackModelPrice,
  findModelPrice,
  type ModelPrice,
  type PriceLookup,
  type PriceTable,
} from './model-pricing.js';
export type { RunContext, ToolContext } from './run-context.js';
export type {
  ModelRequestEvent,
  ModelResponseEvent,
  RunEvent,
  RunEventListener,
  RunEventType,
  RunFinishedEvent,
  RunStartedEvent,
  StepStartedEvent,
  TextEvent,
  ToolCallEvent,
  ToolResultEvent,
  UsageEvent,
  WarningEvent,
  WarningKind,
} from './run-events.js';
export type { RunResult, RunUsage, StopReason } from './run-result.js';
export {
  FunctionModel,
  type FunctionModelCallInfo,
  type ModelFunction,
  type ScriptedModelOptions,
} from './testing/function-model.js';
export { sampleFromJsonSchema } from './testing/json-schema-sample.js';
export {
  type ScriptedToolCall,
  type ScriptedTurn,
  textTurn,
  toolCallTurn,
} from './testing/model-turns.js';
export { type RecordedRun, ReplayModel, type ReplayModelOptions } from './testing/replay-model.js';
export { TestModel, type TestModelOptions } from './testing/test-model.js';
export { estimateRequestTokens } from './token-estimate.js';
export { ModelRetry } from './tool-errors.js';
export {
  defaultMaxToolOutputCharacters,
  type TruncatedOutput,
  truncateToolOutput,
} from './tool-output-truncation.js';
export { defaultUsageLimits, type UsageLimitName, type UsageLimits } from './usage-limits.js';
