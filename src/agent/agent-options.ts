/**
 * The options of an agent and of one run, and their checked, resolved forms. Agent
 * options are checked once, at construction; run options at each `run`, before anything
 * happens. Bad options throw an INVALID_CONFIG (or INVALID_INPUT) ArchonError.
 */
import { ArchonError, ErrorCode } from '../core/errors.js';
import type { AgentTool } from './agent-tool.js';
import type { ContextOptions } from './context-window.js';
import { FinalResultTool, finalResultToolName, type OutputOptions } from './final-output.js';
import type { LanguageModel, ModelToolDefinition } from './language-model.js';
import type { LoopDetectionMode } from './loop-detector.js';
import { checkPriceTable, type PriceTable } from './model-pricing.js';
import type { RunContext } from './run-context.js';
import type { RunEventListener } from './run-events.js';
import { defaultMaxToolOutputCharacters } from './tool-output-truncation.js';
import { pickUsageLimits, resolveUsageLimits, type UsageLimits } from './usage-limits.js';

/** Settings sent with every model request. */
export interface ModelSettings {
  /** Output cap per request (budgets may lower it further). */
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
}

/** Instructions: fixed text, or text made from the run (dependencies included) at its start. */
export type Instructions<Deps> = string | ((context: RunContext<Deps>) => string | Promise<string>);

/** Options of `new Agent(...)`; the budget fields are the agent's default limits. */
export interface AgentOptions<Deps, Output> extends UsageLimits {
  readonly name: string;
  readonly instructions: Instructions<Deps>;
  readonly tools?: readonly AgentTool<Deps>[];
  /** Structured output through a `final_result` tool; without it, final text ends the run. */
  readonly output?: OutputOptions<Output, Deps>;
  /** Retries each tool may ask for in a row (default 2); a tool's own `maxRetries` wins. */
  readonly maxToolRetries?: number;
  /** Times the final output may be rejected before the run stops (default 2). */
  readonly maxOutputRetries?: number;
  /** What a repeated identical tool call does (default `stop`). */
  readonly loopDetection?: LoopDetectionMode;
  /** Identical calls in a row that count as a loop (default 3). */
  readonly loopRepeatThreshold?: number;
  readonly context?: ContextOptions;
  /** Prices searched before the built-in table. */
  readonly prices?: PriceTable;
  readonly modelSettings?: ModelSettings;
}

interface RunOptionsBase {
  readonly model: LanguageModel;
  /** Budgets of this run; each field overrides the agent's. */
  readonly limits?: UsageLimits;
  readonly abortSignal?: AbortSignal;
  readonly onEvent?: RunEventListener;
  /** Defaults to a random UUID. */
  readonly runId?: string;
  /** Milliseconds; used for timestamps, duration and the time budget (default `Date.now`). */
  readonly clock?: () => number;
  /** Prices searched before the agent's and the built-in table. */
  readonly prices?: PriceTable;
  /** Overrides the agent's context settings field by field. */
  readonly context?: ContextOptions;
}

/** Options of `agent.run`; `dependencies` is required unless the agent's Deps allow `undefined`. */
export type RunOptions<Deps> = RunOptionsBase &
  (undefined extends Deps ? { readonly dependencies?: Deps } : { readonly dependencies: Deps });

/** Context settings with defaults applied. */
export interface ResolvedContextOptions {
  readonly maxToolOutputCharacters: number;
  readonly contextWindowTokens: number | undefined;
  readonly compactionThreshold: number;
  readonly compactionTarget: number;
}

/** An agent's checked configuration, shared by all its runs. */
export interface AgentBlueprint<Deps, Output> {
  readonly name: string;
  readonly instructions: Instructions<Deps>;
  readonly tools: ReadonlyMap<string, AgentTool<Deps>>;
  readonly toolDefinitions: readonly ModelToolDefinition[];
  readonly toolNames: readonly string[];
  readonly finalResult: FinalResultTool<Output, Deps> | undefined;
  readonly limits: UsageLimits;
  readonly maxToolRetries: number;
  readonly maxOutputRetries: number;
  readonly loopDetection: LoopDetectionMode;
  readonly loopRepeatThreshold: number;
  readonly context: ContextOptions;
  readonly prices: PriceTable | undefined;
  readonly modelSettings: ModelSettings;
}

function invalid(message: string): never {
  throw new ArchonError(ErrorCode.InvalidConfig, message);
}

function checkCount(value: unknown, minimum: number, label: string): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < minimum)) {
    invalid(`${label} must be an integer >= ${minimum}, got ${String(value)}`);
  }
}

/** Checks agent options and builds the blueprint. */
export function buildBlueprint<Deps, Output>(
  options: AgentOptions<Deps, Output>,
): AgentBlueprint<Deps, Output> {
  if (typeof options !== 'object' || options === null) invalid('agent options are required');
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    invalid('agent name must be a non-empty string');
  }
  const instructions = options.instructions;
  if (typeof instructions !== 'string' && typeof instructions !== 'function') {
    invalid(`agent "${options.name}": instructions must be a string or a function`);
  }
  checkCount(options.maxToolRetries, 0, 'maxToolRetries');
  checkCount(options.maxOutputRetries, 0, 'maxOutputRetries');
  checkCount(options.loopRepeatThreshold, 2, 'loopRepeatThreshold');
  if (options.loopDetection !== undefined && !['stop', 'warn'].includes(options.loopDetection)) {
    invalid(`loopDetection must be "stop" or "warn", got "${String(options.loopDetection)}"`);
  }
  const limits = pickUsageLimits(options);
  resolveUsageLimits(limits);
  const context = options.context ?? {};
  resolveContextOptions(context);
  if (options.prices !== undefined) checkPriceTable(options.prices);
  const tools = new Map<string, AgentTool<Deps>>();
  for (const tool of options.tools ?? []) {
    if (typeof tool?.definition !== 'object') invalid('tools must be made with defineTool');
    if (tool.name === finalResultToolName) invalid(`"${finalResultToolName}" is reserved`);
    if (tools.has(tool.name)) invalid(`two tools are named "${tool.name}"`);
    tools.set(tool.name, tool);
  }
  const finalResult =
    options.output === undefined ? undefined : new FinalResultTool(options.output);
  const toolDefinitions = [...tools.values()].map((tool) => tool.definition);
  if (finalResult !== undefined) toolDefinitions.push(finalResult.definition);
  return {
    name: options.name,
    instructions,
    tools,
    toolDefinitions,
    toolNames: toolDefinitions.map((definition) => definition.name),
    finalResult,
    limits,
    maxToolRetries: options.maxToolRetries ?? 2,
    maxOutputRetries: options.maxOutputRetries ?? 2,
    loopDetection: options.loopDetection ?? 'stop',
    loopRepeatThreshold: options.loopRepeatThreshold ?? 3,
    context,
    prices: options.prices,
    modelSettings: options.modelSettings ?? {},
  };
}

/** Applies defaults to context options (later layers win) and checks them. */
export function resolveContextOptions(
  ...layers: readonly (ContextOptions | undefined)[]
): ResolvedContextOptions {
  const merged: ContextOptions = Object.assign({}, ...layers.filter(Boolean));
  const resolved: ResolvedContextOptions = {
    maxToolOutputCharacters: merged.maxToolOutputCharacters ?? defaultMaxToolOutputCharacters,
    contextWindowTokens: merged.contextWindowTokens,
    compactionThreshold: merged.compactionThreshold ?? 0.75,
    compactionTarget: merged.compactionTarget ?? 0.5,
  };
  checkCount(resolved.maxToolOutputCharacters, 100, 'maxToolOutputCharacters');
  checkCount(resolved.contextWindowTokens, 1, 'contextWindowTokens');
  const { compactionThreshold: threshold, compactionTarget: target } = resolved;
  if (!(threshold > 0 && threshold <= 1)) {
    invalid(`compactionThreshold must be in (0, 1], got ${String(threshold)}`);
  }
  if (!(target > 0 && target <= threshold)) {
    invalid(`compactionTarget must be in (0, compactionThreshold], got ${String(target)}`);
  }
  return resolved;
}

/** Checks the parts of run options the loop relies on. */
export function checkRunOptions(options: RunOptionsBase, prompt: unknown): void {
  if (typeof prompt !== 'string') {
    throw new ArchonError(ErrorCode.InvalidInput, 'the prompt must be a string');
  }
  if (typeof options?.model?.doGenerate !== 'function') {
    throw new ArchonError(ErrorCode.InvalidInput, 'run options need a model (a LanguageModel)');
  }
  if (options.runId !== undefined && (typeof options.runId !== 'string' || options.runId === '')) {
    throw new ArchonError(ErrorCode.InvalidInput, 'runId must be a non-empty string');
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new ArchonError(
      ErrorCode.InvalidInput,
      'clock must be a function returning milliseconds',
    );
  }
  if (options.prices !== undefined) checkPriceTable(options.prices);
}
