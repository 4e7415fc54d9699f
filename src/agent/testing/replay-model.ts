/**
 * Re-runs a recorded run: answers each request with the next recorded assistant turn,
 * after checking that the request still matches the recording (same system prompt and
 * tools when recorded, same first prompt, same trailing messages: tool results for the
 * same calls, the same runtime notes). A diverging run fails with a CONFLICT ArchonError
 * that names the turn and the difference, and so ends with a clear `model-error`.
 * Replays are sequential: use one ReplayModel per run.
 */
import { ArchonError, ErrorCode } from '../../core/errors.js';
import type { AgentMessage } from '../agent-messages.js';
import type {
  LanguageModel,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
} from '../language-model.js';
import { completeTurn, type ScriptedModelOptions } from './function-model.js';

/** A run to replay; a RunResult is one. */
export interface RecordedRun {
  readonly transcript: readonly AgentMessage[];
  /** Checked against each request when present. */
  readonly systemPrompt?: string;
  /** Checked against each request's tool list when present. */
  readonly toolNames?: readonly string[];
}

/** Options of the {@link ReplayModel}. */
export interface ReplayModelOptions extends Omit<ScriptedModelOptions, 'recordCalls'> {
  /** Also compare tool outputs and error flags (default: only call ids and tool names). */
  readonly strict?: boolean;
}

/** Replays the assistant turns of a recorded transcript in order. */
export class ReplayModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly contextWindow?: number;
  private readonly assistantIndexes: number[] = [];
  private turn = 0;

  constructor(
    private readonly recording: RecordedRun,
    private readonly options: ReplayModelOptions = {},
  ) {
    this.provider = options.provider ?? 'test';
    this.modelId = options.modelId ?? 'replay';
    if (options.contextWindow !== undefined) this.contextWindow = options.contextWindow;
    recording.transcript.forEach((message, index) => {
      if (message.role === 'assistant') this.assistantIndexes.push(index);
    });
  }

  /** Recorded turns not yet replayed. */
  get remainingTurns(): number {
    return this.assistantIndexes.length - this.turn;
  }

  async doGenerate(request: ModelRequest, _options: ModelCallOptions = {}): Promise<ModelResponse> {
    const turn = this.turn++;
    const index = this.assistantIndexes[turn];
    if (index === undefined) {
      this.diverged(
        turn,
        `the run asked for model turn ${turn + 1}, but the recording has only ${this.assistantIndexes.length}`,
      );
    }
    this.checkRequest(request, turn, index);
    const message = this.recording.transcript[index] as Extract<
      AgentMessage,
      { role: 'assistant' }
    >;
    return completeTurn({ parts: message.parts }, request, turn);
  }

  private checkRequest(request: ModelRequest, turn: number, index: number): void {
    const { systemPrompt, toolNames, transcript } = this.recording;
    if (systemPrompt !== undefined && systemPrompt !== request.system) {
      this.diverged(turn, 'the system prompt differs from the recording');
    }
    if (toolNames !== undefined) {
      const sent = request.tools.map((tool) => tool.name);
      const added = sent.filter((name) => !toolNames.includes(name));
      const missing = toolNames.filter((name) => !sent.includes(name));
      if (added.length > 0 || missing.length > 0) {
        this.diverged(
          turn,
          `the tools differ from the recording (added: ${added.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'})`,
        );
      }
    }
    const first = transcript[0];
    const sentFirst = request.messages[0];
    if (
      first?.role === 'user' &&
      (sentFirst?.role !== 'user' || sentFirst.content !== first.content)
    ) {
      this.diverged(turn, 'the first user message differs from the recording');
    }
    const previous = turn === 0 ? 0 : this.assistantIndexes[turn - 1]! + 1;
    const expected = transcript.slice(previous, index);
    const actual = request.messages.slice(request.messages.length - expected.length);
    if (actual.length < expected.length) {
      this.diverged(
        turn,
        `the request has ${request.messages.length} messages, fewer than recorded`,
      );
    }
    expected.forEach((message, position) => {
      const difference = this.difference(message, actual[position]!);
      if (difference !== undefined) this.diverged(turn, difference);
    });
  }

  private difference(expected: AgentMessage, actual: AgentMessage): string | undefined {
    if (expected.role !== actual.role) {
      return `expected a ${expected.role} message, the run sent a ${actual.role} message`;
    }
    if (expected.role === 'user' && actual.role === 'user' && expected.content !== actual.content) {
      return 'a user message differs from the recording';
    }
    if (expected.role !== 'tool' || actual.role !== 'tool') return undefined;
    const describe = (message: Extract<AgentMessage, { role: 'tool' }>): string =>
      message.results
        .map((result) =>
          this.options.strict === true
            ? `${result.toolCallId}:${result.toolName}:${result.isError}:${result.output}`
            : `${result.toolCallId}:${result.toolName}`,
        )
        .join(', ');
    const want = describe(expected);
    const got = describe(actual);
    if (want === got) return undefined;
    return this.options.strict === true
      ? 'the tool results differ from the recording'
      : `the tool results are for other calls (recorded ${want}; sent ${got})`;
  }

  private diverged(turn: number, reason: string): never {
    throw new ArchonError(
      ErrorCode.Conflict,
      `ReplayModel: request ${turn + 1} diverges from the recording: ${reason}`,
      { details: { turn: turn + 1 } },
    );
  }
}
