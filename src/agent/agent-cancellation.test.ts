import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import type { AgentMessage } from './agent-messages.js';
import { defineTool } from './agent-tool.js';
import { FunctionModel } from './testing/function-model.js';
import { textTurn, toolCallTurn } from './testing/model-turns.js';

describe('cancellation', () => {
  it('ends before the first request when the signal is already aborted', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const model = FunctionModel.sequence([textTurn('never')]);
    const result = await agent.run('go', { model, abortSignal: AbortSignal.abort() });
    expect(result).toMatchObject({
      stopReason: 'cancelled',
      stopDetail: 'cancelled by the caller before step 1',
    });
    expect(model.requestCount).toBe(0);
    expect(result.transcript).toEqual([{ role: 'user', content: 'go' }]);
    expect(result.events.map((event) => event.type)).toEqual(['run-started', 'run-finished']);
  });

  it('cancels mid-model: the model gets the signal, and a model that ignores it cannot hold the run', async () => {
    const controller = new AbortController();
    let modelSignal: AbortSignal | undefined;
    const model = new FunctionModel((_request, { abortSignal }) => {
      modelSignal = abortSignal;
      setTimeout(() => controller.abort(), 1);
      return new Promise(() => undefined);
    });
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const result = await agent.run('go', { model, abortSignal: controller.signal });
    expect(result).toMatchObject({
      stopReason: 'cancelled',
      stopDetail: 'cancelled by the caller during the model request of step 1',
    });
    expect(modelSignal?.aborted).toBe(true);
    expect(result.usage.requests).toBe(1);
  });

  it('cancels mid-tool: the tool gets the signal, its call gets a result, later calls are not run', async () => {
    const controller = new AbortController();
    let toolSignal: AbortSignal | undefined;
    let laterRan = false;
    const slow = defineTool({
      name: 'slow',
      description: 'Takes forever.',
      inputSchema: z.object({}),
      execute: (_input, context) => {
        toolSignal = context.abortSignal;
        setTimeout(() => controller.abort(), 1);
        return new Promise(() => undefined);
      },
    });
    const later = defineTool({
      name: 'later',
      description: 'Runs after.',
      inputSchema: z.object({}),
      execute: () => {
        laterRan = true;
        return 'ran';
      },
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [slow, later] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'slow', input: {} }, { toolName: 'later', input: {} }),
    ]);
    const result = await agent.run('go', { model, abortSignal: controller.signal });
    expect(result).toMatchObject({
      stopReason: 'cancelled',
      stopDetail: 'cancelled by the caller while tool slow ran in step 1',
    });
    expect(toolSignal?.aborted).toBe(true);
    expect(laterRan).toBe(false);
    const last = result.transcript.at(-1) as Extract<AgentMessage, { role: 'tool' }>;
    expect(last.results.map((part) => [part.toolName, part.output, part.isError])).toEqual([
      ['slow', 'Cancelled: the run was stopped while this tool ran.', true],
      ['later', 'Not run: the run stopped before this call (cancelled).', true],
    ]);
    expect(model.requestCount).toBe(1);
  });

  it('cancels between calls of one response', async () => {
    const controller = new AbortController();
    const quick = defineTool({
      name: 'quick',
      description: 'Quick.',
      inputSchema: z.object({}),
      execute: () => 'done',
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [quick] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'quick', input: {} }, { toolName: 'quick', input: { again: true } }),
    ]);
    const result = await agent.run('go', {
      model,
      abortSignal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'tool-result') controller.abort();
      },
    });
    expect(result.stopReason).toBe('cancelled');
    const last = result.transcript.at(-1) as Extract<AgentMessage, { role: 'tool' }>;
    expect(last.results.map((part) => part.output)).toEqual([
      'done',
      'Not run: the run was stopped.',
    ]);
  });

  it('cancels while an output validator runs', async () => {
    const controller = new AbortController();
    const agent = new Agent({
      name: 'a',
      instructions: 'x',
      output: {
        schema: z.object({ done: z.boolean() }),
        validators: [
          (output, context) => {
            expect(context.abortSignal.aborted).toBe(false);
            setTimeout(() => controller.abort(), 1);
            return new Promise<typeof output>(() => undefined);
          },
        ],
      },
    });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'final_result', input: { done: true } }),
    ]);
    const result = await agent.run('go', { model, abortSignal: controller.signal });
    expect(result).toMatchObject({
      stopReason: 'cancelled',
      stopDetail: 'cancelled by the caller while the final result was checked in step 1',
    });
    expect(result.output).toBeUndefined();
    expect(result.transcript.at(-1)).toMatchObject({
      role: 'tool',
      results: [
        {
          isError: true,
          output: 'Cancelled: the run was stopped while the final result was checked.',
        },
      ],
    });
  });

  it('is not affected by aborting the caller signal after the run ended', async () => {
    const controller = new AbortController();
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const result = await agent.run('go', {
      model: FunctionModel.sequence([textTurn('ok')]),
      abortSignal: controller.signal,
    });
    controller.abort();
    expect(result.stopReason).toBe('completed');
  });
});
