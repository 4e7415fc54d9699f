/**
 * An agent: instructions, typed tools, optional structured output and default budgets.
 * `run` drives one conversation with a model through our own loop (agent-run.ts) and
 * always resolves with a RunResult, whatever stops the run; it rejects only when the
 * options themselves are invalid or the instructions function throws.
 */
import { randomUUID } from 'node:crypto';

import { ArchonError, ErrorCode } from '../core/errors.js';
import {
  type AgentBlueprint,
  type AgentOptions,
  buildBlueprint,
  checkRunOptions,
  resolveContextOptions,
  type RunOptions,
} from './agent-options.js';
import { AgentRun } from './agent-run.js';
import type { AgentTool } from './agent-tool.js';
import type { ModelToolDefinition } from './language-model.js';
import { defaultPriceTable, type PriceTable } from './model-pricing.js';
import type { RunResult } from './run-result.js';
import { errorMessage } from './tool-errors.js';
import { resolveUsageLimits } from './usage-limits.js';

/**
 * An agent with dependencies of type `Deps` (handed to instructions, tools and
 * validators) and output of type `Output` (the output schema's type, or `string` for a
 * text agent). Agents hold no run state: one agent may serve many runs at once.
 */
export class Agent<Deps = undefined, Output = string> {
  private readonly blueprint: AgentBlueprint<Deps, Output>;

  /** Checks the options; throws an INVALID_CONFIG ArchonError when they are wrong. */
  constructor(options: AgentOptions<Deps, Output>) {
    this.blueprint = buildBlueprint(options);
  }

  get name(): string {
    return this.blueprint.name;
  }

  /** The tools the agent gives the model (without `final_result`). */
  get tools(): readonly AgentTool<Deps>[] {
    return [...this.blueprint.tools.values()];
  }

  /** Every tool definition the model is sent, `final_result` included. */
  get toolDefinitions(): readonly ModelToolDefinition[] {
    return this.blueprint.toolDefinitions;
  }

  /** Runs the agent on `prompt` until it completes or something stops it. */
  async run(prompt: string, options: RunOptions<Deps>): Promise<RunResult<Output>> {
    checkRunOptions(options, prompt);
    const blueprint = this.blueprint;
    const prices: PriceTable[] = [];
    if (options.prices !== undefined) prices.push(options.prices);
    if (blueprint.prices !== undefined) prices.push(blueprint.prices);
    prices.push(defaultPriceTable);
    const run = new AgentRun(blueprint, {
      model: options.model,
      dependencies: (options as { dependencies?: Deps }).dependencies as Deps,
      limits: resolveUsageLimits(blueprint.limits, options.limits),
      context: resolveContextOptions(blueprint.context, options.context),
      prices,
      runId: options.runId ?? randomUUID(),
      clock: options.clock ?? Date.now,
      ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    });
    try {
      await run.prepare();
    } catch (error) {
      run.abort.dispose();
      throw new ArchonError(
        ErrorCode.InvalidConfig,
        `agent "${blueprint.name}": the instructions function failed: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    return run.execute(prompt);
  }
}
