/**
 * A provider's answer in our terms: text and tool-call parts in the order the model
 * produced them, usage in tokens (estimated and flagged when the server sent none) and
 * the finish reason. Tool inputs arrive as JSON text; text that does not parse is kept
 * as the raw string, which no tool's object schema accepts, so the runtime answers the
 * model with an invalid-arguments error instead of crashing.
 */
import type {
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';

import type { AssistantPart } from '../agent-messages.js';
import type { FinishReason, ModelRequest, ModelResponse, ModelUsage } from '../language-model.js';
import { estimateMessageTokens, estimateRequestTokens } from '../token-estimate.js';

/** Usage with a flag set when one of the counts is our estimate, not the server's. */
export interface ReportedModelUsage extends ModelUsage {
  readonly estimated?: boolean;
}

/** The parts of a generate result (or an aggregated stream) this mapping reads. */
export interface ProviderResult {
  readonly content: readonly LanguageModelV3Content[];
  readonly usage: LanguageModelV3Usage | undefined;
  readonly finishReason: LanguageModelV3FinishReason | undefined;
}

/** Our ModelResponse for a provider result to `request`. */
export function toModelResponse(result: ProviderResult, request: ModelRequest): ModelResponse {
  const parts: AssistantPart[] = [];
  for (const item of result.content) {
    if (item.type === 'text' && item.text !== '') parts.push({ type: 'text', text: item.text });
    else if (item.type === 'tool-call' && item.providerExecuted !== true) {
      parts.push({
        type: 'tool-call',
        toolCallId: item.toolCallId,
        toolName: item.toolName,
        input: parseToolInput(item.input),
      });
    }
  }
  return {
    parts,
    usage: toUsage(result.usage, request, parts),
    finishReason: toFinishReason(result.finishReason, parts),
  };
}

/** Parsed JSON; `{}` for no input at all; the raw text when it is not JSON. */
export function parseToolInput(input: string): unknown {
  if (input.trim() === '') return {};
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

function toUsage(
  usage: LanguageModelV3Usage | undefined,
  request: ModelRequest,
  parts: readonly AssistantPart[],
): ReportedModelUsage {
  const input = usage?.inputTokens.total;
  const output = usage?.outputTokens.total;
  if (input !== undefined && output !== undefined) {
    return { inputTokens: input, outputTokens: output };
  }
  return {
    inputTokens: input ?? estimateRequestTokens(request),
    outputTokens: output ?? estimateMessageTokens({ role: 'assistant', parts }),
    estimated: true,
  };
}

/** Some OpenAI-compatible servers say `stop` after tool calls; the parts tell the truth. */
function toFinishReason(
  reason: LanguageModelV3FinishReason | undefined,
  parts: readonly AssistantPart[],
): FinishReason {
  const unified = reason?.unified ?? 'other';
  const calledTools = parts.some((part) => part.type === 'tool-call');
  if (calledTools && (unified === 'stop' || unified === 'other')) return 'tool-calls';
  return unified;
}
