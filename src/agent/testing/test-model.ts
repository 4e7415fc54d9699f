/**
 * A model for tests that need no script: on its first turn it calls every tool it is
 * offered (or the ones named) once, with arguments generated from each tool's JSON
 * Schema; on the next turn it ends the run, with a `final_result` generated from the
 * output schema when there is one, or with text otherwise. It decides from the request
 * alone, so one TestModel can serve many runs at once.
 */
import { finalResultToolName } from '../final-output.js';
import type { ModelCallOptions, ModelRequest, ModelResponse } from '../language-model.js';
import type { LanguageModel } from '../language-model.js';
import { completeTurn, type ScriptedModelOptions } from './function-model.js';
import { sampleFromJsonSchema } from './json-schema-sample.js';
import type { ScriptedToolCall, ScriptedTurn } from './model-turns.js';

/** Options of the {@link TestModel}. */
export interface TestModelOptions extends ScriptedModelOptions {
  /** Tools to call on the first turn: `all` (default) or a list of names. */
  readonly callTools?: 'all' | readonly string[];
  /** The final text; default: the tool outputs as JSON, or `success (no tool calls)`. */
  readonly text?: string;
  /** The `final_result` arguments to send instead of generated ones. */
  readonly finalResult?: unknown;
}

/** Calls every tool once, then returns valid output. */
export class TestModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly contextWindow?: number;
  /** The requests received, in order (when recording). */
  readonly calls: ModelRequest[] = [];
  private callCount = 0;

  constructor(private readonly options: TestModelOptions = {}) {
    this.provider = options.provider ?? 'test';
    this.modelId = options.modelId ?? 'test';
    if (options.contextWindow !== undefined) this.contextWindow = options.contextWindow;
  }

  async doGenerate(request: ModelRequest, _options: ModelCallOptions = {}): Promise<ModelResponse> {
    const callIndex = this.callCount++;
    if (this.options.recordCalls ?? true) this.calls.push(request);
    return completeTurn(this.nextTurn(request), request, callIndex);
  }

  private nextTurn(request: ModelRequest): ScriptedTurn {
    const toolsCalled = request.messages.some((message) => message.role === 'assistant');
    if (!toolsCalled) {
      const chosen = this.options.callTools ?? 'all';
      const calls: ScriptedToolCall[] = request.tools
        .filter((tool) => tool.name !== finalResultToolName)
        .filter((tool) => chosen === 'all' || chosen.includes(tool.name))
        .map((tool) => ({ toolName: tool.name, input: sampleFromJsonSchema(tool.inputSchema) }));
      if (calls.length > 0) {
        return { parts: calls.map((call) => ({ ...call, type: 'tool-call' as const })) };
      }
    }
    const finalTool = request.tools.find((tool) => tool.name === finalResultToolName);
    if (finalTool !== undefined) {
      const input =
        this.options.finalResult === undefined
          ? sampleFromJsonSchema(finalTool.inputSchema)
          : this.options.finalResult;
      return { parts: [{ type: 'tool-call', toolName: finalResultToolName, input }] };
    }
    return { parts: [{ type: 'text', text: this.options.text ?? defaultText(request) }] };
  }
}

/** `{"tool":"output",...}` from the last tool message, or `success (no tool calls)`. */
function defaultText(request: ModelRequest): string {
  const last = request.messages.findLast((message) => message.role === 'tool');
  if (last === undefined || last.role !== 'tool') return 'success (no tool calls)';
  const outputs: Record<string, string> = {};
  for (const result of last.results) outputs[result.toolName] = result.output;
  return JSON.stringify(outputs);
}
