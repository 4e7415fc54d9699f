/**
 * Our ModelRequest in the AI SDK's provider terms (LanguageModelV3 call options): the
 * system prompt, user, assistant and tool messages with tool-call and tool-result
 * parts, and function tools with their JSON Schemas. Each provider package turns this
 * into its own wire format.
 */
import type {
  JSONSchema7,
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
} from '@ai-sdk/provider';

import type { AgentMessage, AssistantPart } from '../agent-messages.js';
import type { ModelRequest } from '../language-model.js';

/** The call options for `request`; `abortSignal` ends the HTTP request. */
export function toCallOptions(
  request: ModelRequest,
  abortSignal: AbortSignal | undefined,
): LanguageModelV3CallOptions {
  const prompt: LanguageModelV3Message[] = [];
  if (request.system !== '') prompt.push({ role: 'system', content: request.system });
  for (const message of request.messages) prompt.push(toProviderMessage(message));
  const tools = request.tools.map((tool): LanguageModelV3FunctionTool => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema as JSONSchema7,
  }));
  return {
    prompt,
    ...(tools.length > 0 ? { tools, toolChoice: { type: 'auto' } } : {}),
    ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(abortSignal === undefined ? {} : { abortSignal }),
  };
}

function toProviderMessage(message: AgentMessage): LanguageModelV3Message {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: [{ type: 'text', text: message.content }] };
    case 'assistant':
      return { role: 'assistant', content: message.parts.map(toProviderPart) };
    case 'tool':
      return {
        role: 'tool',
        content: message.results.map((result) => ({
          type: 'tool-result',
          toolCallId: result.toolCallId,
          toolName: result.toolName,
          output: { type: result.isError ? 'error-text' : 'text', value: result.output },
        })),
      };
  }
}

type ProviderAssistantPart = Extract<
  LanguageModelV3Message,
  { role: 'assistant' }
>['content'][number];

function toProviderPart(part: AssistantPart): ProviderAssistantPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return {
    type: 'tool-call',
    toolCallId: part.toolCallId,
    toolName: part.toolName,
    input: replayableInput(part.input),
  };
}

/**
 * Providers take tool inputs as JSON objects (Anthropic refuses anything else). An input
 * the model sent as broken JSON is kept in our transcript as its raw text; it goes back
 * wrapped in an object so the model can still see what it sent.
 */
function replayableInput(input: unknown): unknown {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input;
  return { unparsed_input: input };
}
