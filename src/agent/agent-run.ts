/**
 * One run of an agent: the loop we own. Each step checks every budget before the model
 * request, sends the request, records usage, and hands the response on (to
 * response-handling.ts, which runs tool calls or ends the run). Every way out, failures
 * included, goes through `finish`, so every run returns a result.
 */
import type { AgentMessage } from './agent-messages.js';
import type { AgentBlueprint } from './agent-options.js';
import { ConversationContext } from './context-window.js';
import type { ModelRequest, ModelResponse } from './language-model.js';
import { LoopDetector } from './loop-detector.js';
import { costUsd, fallbackPriceNotice, findModelPrice, type PriceLookup } from './model-pricing.js';
import { handleResponse } from './response-handling.js';
import { responseUsage } from './response-usage.js';
import { raceWithAbort, RunAbort } from './run-abort.js';
import { requestRetry, type RunContext } from './run-context.js';
import { RunEventLog, type WarningKind } from './run-events.js';
import type { RunResult } from './run-result.js';
import type { RunSettings, RunState, RunStop } from './run-state.js';
import type { MutableRunUsage, StopReason } from './run-usage.js';
import { oneLine } from './text-preview.js';
import { estimateTokensOfLength, estimateToolTokens } from './token-estimate.js';
import { errorMessage } from './tool-errors.js';
import { checkRequestBudget, outputTokenCap, type UsageLimitName } from './usage-limits.js';

/** The state and the loop of one run. Create one per run; call `prepare`, then `execute`. */
export class AgentRun<Deps, Output> implements RunState<Deps, Output> {
  readonly usage: MutableRunUsage = {
    requests: 0,
    steps: 0,
    toolCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    durationMs: 0,
  };
  readonly log: RunEventLog;
  readonly loops: LoopDetector;
  readonly abort: RunAbort;
  readonly toolRetries = new Map<string, number>();
  readonly maxToolOutputCharacters: number;
  lastText: string | undefined;
  private readonly conversation = new ConversationContext();
  private readonly modelName: string;
  private readonly price: PriceLookup;
  private readonly contextWindow: number | undefined;
  private readonly startedAt: number;
  private outputRetries = 0;
  private output: Output | undefined;
  private stopState: RunStop | undefined;
  private systemPrompt = '';
  private fixedTokens = 0;

  constructor(
    readonly blueprint: AgentBlueprint<Deps, Output>,
    readonly settings: RunSettings<Deps>,
  ) {
    const { model, clock } = settings;
    this.modelName = `${model.provider}:${model.modelId}`;
    this.log = new RunEventLog(settings.runId, clock, settings.onEvent);
    this.loops = new LoopDetector(blueprint.loopDetection, blueprint.loopRepeatThreshold);
    this.abort = new RunAbort(settings.abortSignal);
    this.price = findModelPrice(model.provider, model.modelId, settings.prices);
    const modelWindow = model.contextWindow;
    this.contextWindow =
      settings.context.contextWindowTokens ??
      (typeof modelWindow === 'number' && modelWindow > 0 ? modelWindow : undefined);
    // One output may take at most a quarter of the window (tokens x 4 characters / 4), so
    // compaction can always make room for it.
    const windowCap =
      this.contextWindow === undefined ? Infinity : Math.max(1000, this.contextWindow);
    this.maxToolOutputCharacters = Math.min(settings.context.maxToolOutputCharacters, windowCap);
    this.startedAt = clock();
  }

  get stopped(): RunStop | undefined {
    return this.stopState;
  }

  /** Builds the system prompt; throws what the instructions function throws. */
  async prepare(): Promise<void> {
    const { instructions } = this.blueprint;
    this.systemPrompt =
      typeof instructions === 'string' ? instructions : await instructions(this.runContext());
    this.fixedTokens =
      estimateTokensOfLength(this.systemPrompt.length) +
      estimateToolTokens(this.blueprint.toolDefinitions);
  }

  /** Runs to the end and returns the result; never throws. */
  async execute(prompt: string): Promise<RunResult<Output>> {
    try {
      this.log.emit('run-started', {
        agentName: this.blueprint.name,
        model: this.modelName,
        limits: this.settings.limits,
      });
      if (this.price.key === undefined) {
        this.warn('fallback-price', fallbackPriceNotice(this.modelName, this.price.price));
      }
      this.abort.startDeadline(this.settings.limits.maxDurationMs);
      this.append({ role: 'user', content: prompt });
      while (this.stopState === undefined) await this.runStep();
    } catch (error) {
      this.finish('model-error', `internal error in the agent runtime: ${errorMessage(error)}`);
    } finally {
      this.abort.dispose();
    }
    return this.result();
  }

  runContext(): RunContext<Deps> {
    return {
      dependencies: this.settings.dependencies,
      runId: this.settings.runId,
      agentName: this.blueprint.name,
      model: this.settings.model,
      step: this.usage.steps,
      usage: this.usage,
      abortSignal: this.abort.signal,
      retry: requestRetry,
    };
  }

  finish(reason: StopReason, detail: string, limit?: UsageLimitName): void {
    if (this.stopState !== undefined) return;
    this.stopState = { reason, detail, ...(limit === undefined ? {} : { limit }) };
  }

  finishAborted(where: string): void {
    if (this.abort.cause === 'deadline') {
      const budget = this.settings.limits.maxDurationMs.toLocaleString('en-US');
      this.finish(
        'budget-exceeded',
        `time budget of ${budget} ms ran out ${where}`,
        'maxDurationMs',
      );
    } else {
      this.finish('cancelled', `cancelled by the caller ${where}`);
    }
  }

  warn(kind: WarningKind, message: string): void {
    this.log.emit('warning', { step: this.usage.steps, kind, message });
  }

  append(message: AgentMessage): void {
    this.conversation.append(message);
  }

  acceptOutput(output: Output): void {
    this.output = output;
  }

  countOutputRetry(reason: string): void {
    this.outputRetries += 1;
    const budget = this.blueprint.maxOutputRetries;
    if (this.outputRetries > budget) {
      this.finish(
        'output-retries-exhausted',
        `the output was rejected ${this.outputRetries} times (budget: ${budget} retries); last: ${oneLine(reason)}`,
      );
    }
  }

  private async runStep(): Promise<void> {
    const step = this.usage.steps + 1;
    if (this.abort.signal.aborted) return this.finishAborted(`before step ${step}`);
    const estimate = this.fitWindow();
    const decision = checkRequestBudget(this.settings.limits, {
      usage: this.usage,
      estimatedInputTokens: estimate,
      price: this.price.price,
      elapsedMs: this.settings.clock() - this.startedAt,
    });
    if (!decision.allowed) {
      const detail = `${decision.detail}; stopped before step ${step}`;
      return this.finish('budget-exceeded', detail, decision.limit);
    }
    this.usage.steps = step;
    this.log.emit('step-started', { step });
    const request = this.buildRequest(decision.outputTokenAllowance);
    this.usage.requests += 1;
    this.log.emit('model-request', {
      step,
      messageCount: request.messages.length,
      toolCount: request.tools.length,
      estimatedInputTokens: estimate,
      ...(request.maxOutputTokens === undefined
        ? {}
        : { maxOutputTokens: request.maxOutputTokens }),
    });
    const requestedAt = this.settings.clock();
    const response = await this.callModel(request, step);
    if (response === undefined) return;
    this.recordUsage(response, estimate, this.settings.clock() - requestedAt);
    await handleResponse(this, response);
  }

  /** Compacts when the next request nears the window; returns its estimated input tokens. */
  private fitWindow(): number {
    const window = this.contextWindow;
    if (window === undefined) return this.fixedTokens + this.conversation.estimatedTokens();
    const { compactionThreshold, compactionTarget } = this.settings.context;
    const fit = this.conversation.fit(
      this.fixedTokens,
      window,
      compactionThreshold,
      compactionTarget,
    );
    if (fit.compaction !== undefined) {
      this.warn(
        'context-compacted',
        `compacted ${fit.compaction.summarizedMessages} earlier messages into a summary: estimated ` +
          `request ${this.fixedTokens + fit.compaction.tokensBefore} -> ${fit.tokens} tokens (window ${window})`,
      );
    }
    if (fit.tokens > window) {
      this.warn(
        'context-over-window',
        `the request is estimated at ${fit.tokens} tokens, over the ${window}-token window, and nothing more can be compacted`,
      );
    }
    return fit.tokens;
  }

  private buildRequest(outputAllowance: number): ModelRequest {
    const { maxOutputTokens: configured, temperature } = this.blueprint.modelSettings;
    const cap = outputTokenCap(configured, outputAllowance);
    return {
      system: this.systemPrompt,
      messages: this.conversation.modelMessages(),
      tools: this.blueprint.toolDefinitions,
      ...(Number.isFinite(cap) ? { maxOutputTokens: cap } : {}),
      ...(temperature === undefined ? {} : { temperature }),
    };
  }

  private async callModel(request: ModelRequest, step: number): Promise<ModelResponse | undefined> {
    const signal = this.abort.signal;
    try {
      const pending = this.settings.model.doGenerate(request, { abortSignal: signal });
      const response = await raceWithAbort(Promise.resolve(pending), signal);
      if (typeof response !== 'object' || response === null || !Array.isArray(response.parts)) {
        this.finish(
          'model-error',
          `model ${this.modelName} returned a malformed response (no parts)`,
        );
        return undefined;
      }
      return response;
    } catch (error) {
      if (signal.aborted) this.finishAborted(`during the model request of step ${step}`);
      else this.finish('model-error', `model ${this.modelName} failed: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** Adds the response's usage (estimated when the model reports none) and its cost. */
  private recordUsage(response: ModelResponse, estimate: number, durationMs: number): void {
    const { inputTokens, outputTokens } = responseUsage(response, estimate);
    this.usage.inputTokens += inputTokens;
    this.usage.outputTokens += outputTokens;
    this.usage.costUsd += costUsd(this.price.price, inputTokens, outputTokens);
    this.usage.durationMs = this.settings.clock() - this.startedAt;
    const step = this.usage.steps;
    this.log.emit('model-response', {
      step,
      finishReason: response.finishReason ?? 'other',
      usage: { inputTokens, outputTokens },
      toolCallCount: response.parts.filter((part) => part.type === 'tool-call').length,
      durationMs,
    });
    this.log.emit('usage', { step, usage: { ...this.usage } });
  }

  private result(): RunResult<Output> {
    const stop = this.stopState ?? {
      reason: 'model-error',
      detail: 'the run ended without a stop reason',
    };
    this.usage.durationMs = this.settings.clock() - this.startedAt;
    const usage = { ...this.usage };
    const limit = stop.limit === undefined ? {} : { exceededLimit: stop.limit };
    this.log.emit('run-finished', {
      stopReason: stop.reason,
      stopDetail: stop.detail,
      ...limit,
      usage,
    });
    return {
      runId: this.settings.runId,
      agentName: this.blueprint.name,
      model: this.modelName,
      ...(stop.reason === 'completed' ? { output: this.output as Output } : {}),
      ...(this.lastText === undefined ? {} : { text: this.lastText }),
      stopReason: stop.reason,
      stopDetail: stop.detail,
      ...limit,
      systemPrompt: this.systemPrompt,
      toolNames: this.blueprint.toolNames,
      transcript: this.conversation.transcript,
      usage,
      events: this.log.events,
    };
  }
}
