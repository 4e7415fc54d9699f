import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import { defineTool } from './agent-tool.js';
import type { RunEvent } from './run-events.js';
import { FunctionModel } from './testing/function-model.js';
import { toolCallTurn } from './testing/model-turns.js';
import type { UsageLimits } from './usage-limits.js';

let executions = 0;
const step = defineTool({
  name: 'step',
  description: 'Does one step of work.',
  inputSchema: z.object({ index: z.number() }),
  execute: (input) => {
    executions += 1;
    return `step ${input.index} done`;
  },
});
const agent = new Agent({ name: 'worker', instructions: 'Work until stopped.', tools: [step] });

/** A model that calls `step` with a new index forever (never a loop). */
function endlessModel(
  usage?: { inputTokens: number; outputTokens: number },
  options = {},
): FunctionModel {
  return new FunctionModel(
    (_request, { callIndex }) => ({
      ...toolCallTurn({ toolName: 'step', input: { index: callIndex } }),
      ...(usage === undefined ? {} : { usage }),
    }),
    options,
  );
}

async function runWith(limits: UsageLimits, model = endlessModel()) {
  executions = 0;
  const result = await agent.run('go', { model, limits });
  return { result, model };
}

const requestEstimates = (events: readonly RunEvent[]): number[] =>
  events.flatMap((event) => (event.type === 'model-request' ? [event.estimatedInputTokens] : []));

describe('budgets, checked before each model request', () => {
  it('stops at the step budget before the step that would exceed it', async () => {
    const { result, model } = await runWith({ maxSteps: 2 });
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxSteps' });
    expect(result.stopDetail).toBe('step budget of 2 steps used up; stopped before step 3');
    expect(model.requestCount).toBe(2);
    expect(result.usage.steps).toBe(2);
    expect(executions).toBe(2);
    expect(result.events.at(-1)).toMatchObject({
      type: 'run-finished',
      stopReason: 'budget-exceeded',
      exceededLimit: 'maxSteps',
    });
  });

  it('stops 50 steps in by default', async () => {
    const { result, model } = await runWith({});
    expect(result.exceededLimit).toBe('maxSteps');
    expect(model.requestCount).toBe(50);
  });

  it('stops at the request budget', async () => {
    const { result, model } = await runWith({ maxRequests: 3 });
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxRequests' });
    expect(model.requestCount).toBe(3);
  });

  it('refuses tool calls beyond the tool-call budget and stops', async () => {
    const { result, model } = await runWith({ maxToolCalls: 2 });
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxToolCalls' });
    expect(executions).toBe(2);
    expect(model.requestCount).toBe(3);
    expect(result.usage.toolCalls).toBe(2);
    const last = result.transcript.at(-1)!;
    expect(last).toMatchObject({
      role: 'tool',
      results: [{ isError: true, output: 'Not run: the tool-call budget of 2 calls is used up.' }],
    });
  });

  it('stops before the request whose estimated input would exceed the input token budget', async () => {
    const { result: free } = await runWith({ maxSteps: 4 });
    const [first, second, third] = requestEstimates(free.events) as [number, number, number];
    // The model reports exactly the runtime's estimate, so the budget is exact.
    const { result: exact, model: exactModel } = await runWith({
      maxSteps: 4,
      maxInputTokens: first + second + third,
    });
    expect(exactModel.requestCount).toBe(3);
    expect(exact.usage.inputTokens).toBe(first + second + third);
    const { result: short, model: shortModel } = await runWith({
      maxSteps: 4,
      maxInputTokens: first + second + third - 1,
    });
    expect(shortModel.requestCount).toBe(2);
    expect(short).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxInputTokens' });
    expect(short.usage.inputTokens).toBe(first + second);
    expect(short.stopDetail).toContain(`next request estimated at ${third}`);
  });

  it('stops when the output token budget is used and caps the output of the last request', async () => {
    const model = endlessModel({ inputTokens: 10, outputTokens: 30 });
    const { result } = await runWith({ maxOutputTokens: 80 }, model);
    expect(model.requestCount).toBe(3);
    expect(result).toMatchObject({
      stopReason: 'budget-exceeded',
      exceededLimit: 'maxOutputTokens',
    });
    expect(model.calls.map((request) => request.maxOutputTokens)).toEqual([80, 50, 20]);
  });

  it('stops at the total token budget, counting the next request estimate', async () => {
    const { result: free } = await runWith({ maxSteps: 3 }, endlessModel(undefined));
    const estimates = requestEstimates(free.events);
    const spentAfterTwo = free.usage.inputTokens - estimates[2]!;
    const outputPerTurn = (free.usage.outputTokens / 3) | 0;
    const budget = spentAfterTwo + 2 * outputPerTurn + estimates[2]!; // no output token left for request 3
    const { result, model } = await runWith({ maxTotalTokens: budget });
    expect(model.requestCount).toBe(2);
    expect(result).toMatchObject({
      stopReason: 'budget-exceeded',
      exceededLimit: 'maxTotalTokens',
    });
  });

  it('stops at the cost budget, pricing an unknown model at the conservative fallback', async () => {
    // $15 / $75 per million: each turn costs 1,000 x 15 + 100 x 75 = $0.0225.
    const unknown = { provider: 'custom', modelId: 'unknown-model' };
    const model = endlessModel({ inputTokens: 1000, outputTokens: 100 }, unknown);
    const { result } = await runWith({ maxCostUsd: 0.045 }, model);
    expect(model.requestCount).toBe(2);
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxCostUsd' });
    expect(result.usage.costUsd).toBeCloseTo(0.045, 10);
    expect(
      result.events.some((event) => event.type === 'warning' && event.kind === 'fallback-price'),
    ).toBe(true);
  });

  it('caps the output of a request to what the cost budget still buys', async () => {
    const model = endlessModel(
      { inputTokens: 1000, outputTokens: 100 },
      { provider: 'custom', modelId: 'unknown-model' },
    );
    await runWith({ maxCostUsd: 0.05 }, model);
    const third = model.calls[2]!;
    expect(third.maxOutputTokens).toBeGreaterThan(0);
    expect(third.maxOutputTokens).toBeLessThan(70);
    expect(model.calls[0]!.maxOutputTokens).toBeGreaterThan(third.maxOutputTokens!);
    // Without a budget that limits output, no cap is sent.
    const { model: free } = await runWith({ maxSteps: 1 });
    expect(free.calls[0]!.maxOutputTokens).toBeUndefined();
  });

  it('lets a price table make the same model affordable', async () => {
    const model = endlessModel(
      { inputTokens: 1000, outputTokens: 100 },
      { provider: 'custom', modelId: 'unknown-model' },
    );
    executions = 0;
    const result = await agent.run('go', {
      model,
      limits: { maxCostUsd: 0.045, maxSteps: 5 },
      prices: { 'custom:*': { inputPerMillionUsd: 0, outputPerMillionUsd: 0 } },
    });
    expect(result.exceededLimit).toBe('maxSteps');
    expect(result.usage.costUsd).toBe(0);
  });

  it('stops at the time budget using the injected clock', async () => {
    let now = 0;
    const model = new FunctionModel((_request, { callIndex }) => {
      now += 400;
      return toolCallTurn({ toolName: 'step', input: { index: callIndex } });
    });
    const result = await agent.run('go', {
      model,
      limits: { maxDurationMs: 1000 },
      clock: () => now,
    });
    expect(model.requestCount).toBe(3);
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxDurationMs' });
    expect(result.stopDetail).toBe(
      'time budget of 1,000 ms used up (1,200 ms elapsed); stopped before step 4',
    );
    expect(result.usage.durationMs).toBe(1200);
  });

  it('stops a model request that outlives the time budget', async () => {
    const model = new FunctionModel(() => new Promise(() => undefined));
    const result = await agent.run('go', { model, limits: { maxDurationMs: 20 } });
    expect(result).toMatchObject({ stopReason: 'budget-exceeded', exceededLimit: 'maxDurationMs' });
    expect(result.stopDetail).toBe(
      'time budget of 20 ms ran out during the model request of step 1',
    );
  });

  it('merges agent and run limits field by field', async () => {
    const limited = new Agent({
      name: 'limited',
      instructions: 'x',
      tools: [step],
      maxSteps: 2,
      maxRequests: 10,
    });
    const model = endlessModel();
    const result = await limited.run('go', { model, limits: { maxRequests: 1 } });
    expect(result.exceededLimit).toBe('maxRequests');
    expect(model.requestCount).toBe(1);
    const second = await limited.run('go', { model: endlessModel() });
    expect(second.exceededLimit).toBe('maxSteps');
    expect(second.usage.steps).toBe(2);
  });
});
