/**
 * A model whose every response comes from a function the test writes: exact turns,
 * scripted per request. It records the requests it was sent, fills in missing tool call
 * ids (`call-<request>-<part>`), and estimates missing usage with the runtime's own
 * chars/4 rule, so budget tests match what the runtime predicts.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { AssistantPart } from '../agent-messages.js';
import type {
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
} from '../language-model.js';
import { estimateRequestTokens, estimateTokensOfLength } from '../token-estimate.js';
import type { ScriptedTurn } from './model-turns.js';

/** What the function learns besides the request. */
export interface FunctionModelCallInfo {
  /** 0 for the model's first request, then 1, 2, ... (across all runs using this model). */
  readonly callIndex: number;
  readonly abortSignal?: AbortSignal;
}

/** Produces the response to one request. */
export type ModelFunction = (
  request: ModelRequest,
  info: FunctionModelCallInfo,
) => ScriptedTurn | Promise<ScriptedTurn>;

/** Identity and recording options of a scripted model. */
export interface ScriptedModelOptions {
  /** Default `test` (priced at zero by the built-in table). */
  readonly provider?: string;
  readonly modelId?: string;
  readonly contextWindow?: number;
  /** Keep every request in `calls` (default true; turn off for long benchmarks). */
  readonly recordCalls?: boolean;
}

/** A LanguageModel scripted by a function. */
export class FunctionModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly contextWindow?: number;
  /** The requests received, in order (when recording). */
  readonly calls: ModelRequest[] = [];
  private callCount = 0;
  private readonly recordCalls: boolean;

  constructor(
    private readonly respond: ModelFunction,
    options: ScriptedModelOptions = {},
  ) {
    this.provider = options.provider ?? 'test';
    this.modelId = options.modelId ?? 'function';
    if (options.contextWindow !== undefined) this.contextWindow = options.contextWindow;
    this.recordCalls = options.recordCalls ?? true;
  }

  /** A model that answers with `turns` in order and fails clearly when asked for more. */
  static sequence(
    turns: readonly ScriptedTurn[],
    options: ScriptedModelOptions = {},
  ): FunctionModel {
    return new FunctionModel((_request, { callIndex }) => {
      const turn = turns[callIndex];
      if (turn === undefined) {
        throw new ArchonError(
          ErrorCode.InvalidInput,
          `FunctionModel.sequence: request ${callIndex + 1} asked for a turn, but the script has only ${turns.length}`,
        );
      }
      return turn;
    }, options);
  }

  /** How many requests this model has answered. */
  get requestCount(): number {
    return this.callCount;
  }

  async doGenerate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResponse> {
    const callIndex = this.callCount++;
    if (this.recordCalls) this.calls.push(request);
    const info: FunctionModelCallInfo = {
      callIndex,
      ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    };
    const turn = await this.respond(request, info);
    return completeTurn(turn, request, callIndex);
  }
}

/** Fills in tool call ids, usage and the finish reason of a scripted turn. */
export function completeTurn(
  turn: ScriptedTurn,
  request: ModelRequest,
  callIndex: number,
): ModelResponse {
  let characters = 0;
  const parts: AssistantPart[] = turn.parts.map((part, index) => {
    if (part.type === 'text') {
      characters += part.text.length;
      return part;
    }
    characters += part.toolName.length + (JSON.stringify(part.input ?? null)?.length ?? 0);
    return {
      type: 'tool-call',
      toolCallId: part.toolCallId ?? `call-${callIndex + 1}-${index + 1}`,
      toolName: part.toolName,
      input: part.input,
    };
  });
  const hasToolCalls = parts.some((part) => part.type === 'tool-call');
  return {
    parts,
    usage: turn.usage ?? {
      inputTokens: estimateRequestTokens(request),
      outputTokens: estimateTokensOfLength(characters),
    },
    finishReason: turn.finishReason ?? (hasToolCalls ? 'tool-calls' : 'stop'),
  };
}
