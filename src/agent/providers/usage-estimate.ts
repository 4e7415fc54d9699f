/**
 * A stand-in token count for servers that report no usage (some local OpenAI-compatible
 * servers, streams cut short). Four characters per token, rounded up, errs high for
 * English and code, which keeps token and cost budgets on the safe side.
 */
import type { AssistantPart } from '../agent-messages.js';
import type { ModelRequest } from '../language-model.js';

const charactersPerToken = 4;
/** Role markers and message framing each provider adds around a message. */
const tokensPerMessage = 4;

/** Estimated tokens of `text`. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charactersPerToken);
}

/** Estimated input tokens of a whole request: system, messages and tool definitions. */
export function estimateRequestTokens(request: ModelRequest): number {
  let total = estimateTokens(request.system) + tokensPerMessage;
  for (const message of request.messages) {
    total += tokensPerMessage;
    if (message.role === 'user') total += estimateTokens(message.content);
    else if (message.role === 'assistant') total += estimatePartsTokens(message.parts);
    else for (const result of message.results) total += estimateTokens(result.output) + 8;
  }
  for (const tool of request.tools) {
    total += estimateTokens(tool.name + tool.description + JSON.stringify(tool.inputSchema));
  }
  return total;
}

/** Estimated tokens of the parts a model produced. */
export function estimatePartsTokens(parts: readonly AssistantPart[]): number {
  let total = 0;
  for (const part of parts) {
    total +=
      part.type === 'text'
        ? estimateTokens(part.text)
        : estimateTokens(part.toolName + JSON.stringify(part.input ?? null)) + 8;
  }
  return total;
}
