/**
 * Token estimates without a tokenizer: about four characters per token, plus a small
 * overhead per message. Good enough to stop a budget before a request overspends and to
 * see a context window coming; cached per message object, since messages never change.
 */
import type { AgentMessage } from './agent-messages.js';
import type { ModelRequest, ModelToolDefinition } from './language-model.js';

const charactersPerToken = 4;
const messageOverheadTokens = 4;
const messageCache = new WeakMap<AgentMessage, number>();
const toolListCache = new WeakMap<readonly ModelToolDefinition[], number>();

/** Tokens in `characters` characters of text. */
export function estimateTokensOfLength(characters: number): number {
  return Math.ceil(characters / charactersPerToken);
}

/** Tokens of one message, tool-call arguments included. */
export function estimateMessageTokens(message: AgentMessage): number {
  const cached = messageCache.get(message);
  if (cached !== undefined) return cached;
  let characters = 0;
  if (message.role === 'user') {
    characters = message.content.length;
  } else if (message.role === 'assistant') {
    for (const part of message.parts) {
      characters +=
        part.type === 'text'
          ? part.text.length
          : part.toolName.length + part.toolCallId.length + jsonLength(part.input);
    }
  } else {
    for (const result of message.results) {
      characters += result.output.length + result.toolName.length + result.toolCallId.length;
    }
  }
  const tokens = estimateTokensOfLength(characters) + messageOverheadTokens;
  messageCache.set(message, tokens);
  return tokens;
}

/** Tokens of the tool definitions (names, descriptions and schemas) sent with a request. */
export function estimateToolTokens(tools: readonly ModelToolDefinition[]): number {
  const cached = toolListCache.get(tools);
  if (cached !== undefined) return cached;
  let characters = 0;
  for (const tool of tools) {
    characters += tool.name.length + tool.description.length + jsonLength(tool.inputSchema);
  }
  const tokens = estimateTokensOfLength(characters);
  toolListCache.set(tools, tokens);
  return tokens;
}

/** Tokens of a whole request: system prompt, tools and messages. */
export function estimateRequestTokens(request: ModelRequest): number {
  let tokens = estimateTokensOfLength(request.system.length) + estimateToolTokens(request.tools);
  for (const message of request.messages) tokens += estimateMessageTokens(message);
  return tokens;
}

function jsonLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
