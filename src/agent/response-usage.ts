/**
 * The token usage of a model response as the runtime counts it: what the model reports,
 * or the chars/4 estimate when it reports nothing usable (some OpenAI-compatible servers
 * do not), so a silent server can never make the token and cost budgets unlimited.
 */
import type { ModelResponse, ModelUsage } from './language-model.js';
import { estimateTokensOfLength } from './token-estimate.js';

/** The usage to count for `response`, whose request was estimated at `estimatedInputTokens`. */
export function responseUsage(response: ModelResponse, estimatedInputTokens: number): ModelUsage {
  return {
    inputTokens: countOr(response.usage?.inputTokens, estimatedInputTokens),
    outputTokens: countOr(response.usage?.outputTokens, estimateOutputTokens(response)),
  };
}

function countOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function estimateOutputTokens(response: ModelResponse): number {
  let characters = 0;
  for (const part of response.parts) {
    characters +=
      part.type === 'text' ? part.text.length : JSON.stringify(part.input ?? null).length;
  }
  return estimateTokensOfLength(characters);
}
