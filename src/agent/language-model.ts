/**
 * The model contract the runtime loop talks to. One adapter maps it onto the Vercel
 * AI SDK's providers; the scripted test models implement it directly. Only the
 * runtime calls `doGenerate`.
 */
import type { AgentMessage, AssistantPart } from './agent-messages.js';

/** A tool as the model sees it: name, description and JSON Schema of its input. */
export interface ModelToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  readonly system: string;
  readonly messages: readonly AgentMessage[];
  readonly tools: readonly ModelToolDefinition[];
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
}

export interface ModelUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type FinishReason = 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'error' | 'other';

export interface ModelResponse {
  readonly parts: readonly AssistantPart[];
  readonly usage: ModelUsage;
  readonly finishReason: FinishReason;
}

export interface ModelCallOptions {
  readonly abortSignal?: AbortSignal;
}

export interface LanguageModel {
  /** `openai`, `anthropic`, `openai-compatible`, `test`, ... */
  readonly provider: string;
  readonly modelId: string;
  /** Context window in tokens, when known; the runtime compacts before reaching it. */
  readonly contextWindow?: number;
  doGenerate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResponse>;
}
