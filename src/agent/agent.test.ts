import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ArchonError } from '../core/errors.js';
import { Agent } from './agent.js';
import { defineTool } from './agent-tool.js';
import type { ToolContext } from './run-context.js';
import { FunctionModel } from './testing/function-model.js';
import { textTurn, toolCallTurn } from './testing/model-turns.js';
import { TestModel } from './testing/test-model.js';

interface Deps {
  readonly greeting: string;
}

const greet = defineTool({
  name: 'greet',
  description: 'Greets someone.',
  inputSchema: z.object({ name: z.string() }),
  execute: (input, context: ToolContext<Deps>) =>
    `${context.dependencies.greeting}, ${input.name}!`,
});

describe('Agent.run', () => {
  it('runs tools, ends on final text and records the transcript, system prompt and usage', async () => {
    const agent = new Agent({ name: 'greeter', instructions: 'Greet people.', tools: [greet] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'greet', input: { name: 'Ada' } }),
      textTurn('Done.'),
    ]);
    const result = await agent.run('Greet Ada.', {
      model,
      dependencies: { greeting: 'Hello' },
      runId: 'run-1',
    });
    expect(result).toMatchObject({
      runId: 'run-1',
      agentName: 'greeter',
      model: 'test:function',
      output: 'Done.',
      text: 'Done.',
      stopReason: 'completed',
      stopDetail: 'the model gave its final answer in step 2',
      systemPrompt: 'Greet people.',
      toolNames: ['greet'],
    });
    expect(result.transcript).toEqual([
      { role: 'user', content: 'Greet Ada.' },
      {
        role: 'assistant',
        parts: [
          { type: 'tool-call', toolCallId: 'call-1-1', toolName: 'greet', input: { name: 'Ada' } },
        ],
      },
      {
        role: 'tool',
        results: [
          { toolCallId: 'call-1-1', toolName: 'greet', output: 'Hello, Ada!', isError: false },
        ],
      },
      { role: 'assistant', parts: [{ type: 'text', text: 'Done.' }] },
    ]);
    expect(result.usage).toMatchObject({ requests: 2, steps: 2, toolCalls: 1, costUsd: 0 });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(model.calls[0]).toMatchObject({ system: 'Greet people.', tools: [greet.definition] });
  });

  it('builds instructions from the run context, dependencies included', async () => {
    const agent = new Agent<Deps>({
      name: 'dynamic',
      instructions: async (context) =>
        `Say ${context.dependencies.greeting} (run ${context.runId}, step ${context.step}).`,
    });
    const model = FunctionModel.sequence([textTurn('ok')]);
    const result = await agent.run('go', { model, dependencies: { greeting: 'hi' }, runId: 'r7' });
    expect(result.systemPrompt).toBe('Say hi (run r7, step 0).');
    expect(model.calls[0]!.system).toBe(result.systemPrompt);
  });

  it('rejects with an ArchonError when the instructions function throws', async () => {
    const agent = new Agent({
      name: 'broken',
      instructions: () => {
        throw new Error('no AGENTS.md');
      },
    });
    const run = agent.run('go', { model: FunctionModel.sequence([]) });
    await expect(run).rejects.toBeInstanceOf(ArchonError);
    await expect(run).rejects.toThrow(
      'agent "broken": the instructions function failed: no AGENTS.md',
    );
  });

  it('rejects invalid run options with an ArchonError before starting', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    await expect(agent.run('go', {} as never)).rejects.toThrow(/run options need a model/);
    await expect(
      agent.run('go', { model: new TestModel(), limits: { maxSteps: -1 } }),
    ).rejects.toThrow(/maxSteps/);
    await expect(
      agent.run('go', { model: new TestModel(), context: { compactionThreshold: 0 } }),
    ).rejects.toThrow(/compactionThreshold/);
  });

  it('gives typed structured output through final_result', async () => {
    const agent = new Agent({
      name: 'typed',
      instructions: 'Answer.',
      tools: [greet],
      output: { schema: z.object({ answer: z.string(), confidence: z.number().min(0).max(1) }) },
    });
    const result = await agent.run('go', {
      model: new TestModel(),
      dependencies: { greeting: 'Hi' },
    });
    expect(result.stopReason).toBe('completed');
    const output: { answer: string; confidence: number } | undefined = result.output;
    expect(output).toEqual({ answer: 'example', confidence: 1 });
    expect(result.toolNames).toEqual(['greet', 'final_result']);
  });

  it('emits events in order, numbered, stamped by the injected clock, and passes them to onEvent', async () => {
    let now = 1000;
    const seen: string[] = [];
    const agent = new Agent({ name: 'events', instructions: 'x', tools: [greet] });
    const model = FunctionModel.sequence([
      {
        parts: [
          { type: 'text', text: 'Let me greet.' },
          { type: 'tool-call', toolName: 'greet', input: { name: 'Bo' } },
        ],
      },
      textTurn('Bye.'),
    ]);
    const result = await agent.run('go', {
      model,
      dependencies: { greeting: 'Hey' },
      clock: () => (now += 10),
      onEvent: (event) => seen.push(event.type),
    });
    const types = result.events.map((event) => event.type);
    expect(types).toEqual([
      'run-started',
      'step-started',
      'model-request',
      'model-response',
      'usage',
      'text',
      'tool-call',
      'tool-result',
      'step-started',
      'model-request',
      'model-response',
      'usage',
      'text',
      'run-finished',
    ]);
    expect(seen).toEqual(types);
    expect(result.events.map((event) => event.sequence)).toEqual(
      types.map((_, index) => index + 1),
    );
    const stamps = result.events.map((event) => event.timestamp);
    expect(stamps).toEqual([...stamps].sort((left, right) => left - right));
    expect(stamps[0]).toBeGreaterThan(1000);
    expect(result.events.at(-1)).toMatchObject({
      type: 'run-finished',
      stopReason: 'completed',
      usage: result.usage,
    });
    expect(result.events[0]).toMatchObject({
      type: 'run-started',
      agentName: 'events',
      model: 'test:function',
    });
    expect(result.events.find((event) => event.type === 'tool-result')).toMatchObject({
      toolName: 'greet',
      output: 'Hey, Bo!',
      isError: false,
      executed: true,
      truncated: false,
    });
    expect(result.usage.durationMs).toBeGreaterThan(0);
  });

  it('keeps running when onEvent throws', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const result = await agent.run('go', {
      model: FunctionModel.sequence([textTurn('ok')]),
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(result.stopReason).toBe('completed');
  });

  it('generates a UUID run id by default', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const result = await agent.run('go', { model: FunctionModel.sequence([textTurn('ok')]) });
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ends with model-error and the message when the model throws, without retrying, keeping the transcript', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [greet] });
    const model = new FunctionModel((_request, { callIndex }) => {
      if (callIndex === 0) return toolCallTurn({ toolName: 'greet', input: { name: 'Al' } });
      throw new Error('429 Too Many Requests');
    });
    const result = await agent.run('go', { model, dependencies: { greeting: 'Hi' } });
    expect(result.stopReason).toBe('model-error');
    expect(result.stopDetail).toBe('model test:function failed: 429 Too Many Requests');
    expect(model.requestCount).toBe(2);
    expect(result.transcript).toHaveLength(3);
    expect(result.transcript.at(-1)!.role).toBe('tool');
    expect(result.output).toBeUndefined();
    expect(result.events.at(-1)).toMatchObject({ type: 'run-finished', stopReason: 'model-error' });
  });

  it('ends with model-error for a model that throws synchronously or returns a malformed response', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const throwing = {
      provider: 'custom',
      modelId: 'sync',
      doGenerate: () => {
        throw new Error('bad config');
      },
    };
    expect(await agent.run('go', { model: throwing })).toMatchObject({
      stopReason: 'model-error',
      stopDetail: 'model custom:sync failed: bad config',
    });
    const malformed = { provider: 'custom', modelId: 'odd', doGenerate: async () => ({}) as never };
    expect(await agent.run('go', { model: malformed })).toMatchObject({
      stopReason: 'model-error',
      stopDetail: 'model custom:odd returned a malformed response (no parts)',
    });
  });

  it('estimates usage a model does not report', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const model = {
      provider: 'test',
      modelId: 'silent',
      doGenerate: async () => ({ parts: [{ type: 'text' as const, text: 'abcdefgh' }] }) as never,
    };
    const result = await agent.run('go', { model });
    expect(result.usage.outputTokens).toBe(2);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.events.find((event) => event.type === 'model-response')).toMatchObject({
      finishReason: 'other',
    });
  });

  it('warns when a model has no price and charges the fallback', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const model = FunctionModel.sequence(
      [textTurn('ok', { inputTokens: 1_000_000, outputTokens: 0 })],
      { provider: 'custom', modelId: 'mystery' },
    );
    const result = await agent.run('go', { model });
    expect(result.usage.costUsd).toBe(15);
    expect(result.events.find((event) => event.type === 'warning')).toMatchObject({
      kind: 'fallback-price',
      message: expect.stringContaining('custom:mystery'),
    });
    const priced = await agent.run('go', {
      model: FunctionModel.sequence([textTurn('ok', { inputTokens: 1_000_000, outputTokens: 0 })], {
        provider: 'custom',
        modelId: 'mystery',
      }),
      prices: { 'custom:mystery': { inputPerMillionUsd: 1, outputPerMillionUsd: 1 } },
    });
    expect(priced.usage.costUsd).toBe(1);
    expect(priced.events.some((event) => event.type === 'warning')).toBe(false);
  });

  it('sends the model settings with each request', async () => {
    const agent = new Agent({
      name: 'a',
      instructions: 'x',
      modelSettings: { maxOutputTokens: 500, temperature: 0.2 },
    });
    const model = FunctionModel.sequence([textTurn('ok')]);
    await agent.run('go', { model });
    expect(model.calls[0]).toMatchObject({ maxOutputTokens: 500, temperature: 0.2 });
  });

  it('exposes its name, tools and tool definitions', () => {
    const agent = new Agent({
      name: 'a',
      instructions: 'x',
      tools: [greet],
      output: { schema: z.string() },
    });
    expect(agent.name).toBe('a');
    expect(agent.tools).toEqual([greet]);
    expect(agent.toolDefinitions.map((tool) => tool.name)).toEqual(['greet', 'final_result']);
  });

  it('requires dependencies only when the agent needs them (compile-time)', async () => {
    const needs = new Agent({ name: 'a', instructions: 'x', tools: [greet] });
    const free = new Agent({ name: 'b', instructions: 'x' });
    // @ts-expect-error dependencies are required for an agent whose tools need them
    const missing = needs.run('go', { model: FunctionModel.sequence([textTurn('ok')]) });
    await missing;
    await free.run('go', { model: FunctionModel.sequence([textTurn('ok')]) });
  });

  it('returns a transcript starting with the prompt, with every tool call answered, however the run stops', async () => {
    const agent = new Agent({
      name: 'a',
      instructions: 'x',
      tools: [greet],
      output: { schema: z.object({ n: z.number() }) },
    });
    const call = (name: string) =>
      toolCallTurn(
        { toolName: 'greet', input: { name } },
        { toolName: 'greet', input: { name: `${name}2` } },
      );
    const scenarios = {
      'budget-exceeded': {
        model: new FunctionModel((_request, { callIndex }) => call(`p${callIndex}`)),
        limits: { maxSteps: 2 },
      },
      'loop-detected': { model: new FunctionModel(() => call('same')) },
      'output-retries-exhausted': {
        model: new FunctionModel(() =>
          toolCallTurn({ toolName: 'final_result', input: { n: 'x' } }),
        ),
      },
      'model-error': {
        model: new FunctionModel((_request, { callIndex }) => {
          if (callIndex > 0) throw new Error('gone');
          return call('first');
        }),
      },
    };
    for (const [reason, options] of Object.entries(scenarios)) {
      const result = await agent.run('prompt', { ...options, dependencies: { greeting: 'Hi' } });
      expect(result.stopReason).toBe(reason);
      expect(result.transcript[0]).toEqual({ role: 'user', content: 'prompt' });
      const called = result.transcript.flatMap((message) =>
        message.role === 'assistant'
          ? message.parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []))
          : [],
      );
      const answered = result.transcript.flatMap((message) =>
        message.role === 'tool' ? message.results.map((part) => part.toolCallId) : [],
      );
      expect(answered).toEqual(called);
      expect(result.events.at(-1)).toMatchObject({ type: 'run-finished', stopReason: reason });
    }
  });

  it('runs many runs of one agent and one model in parallel without sharing state', async () => {
    const agent = new Agent({ name: 'parallel', instructions: 'x', tools: [greet] });
    const model = new FunctionModel(
      async (request) => {
        await new Promise((resolve) => setImmediate(resolve));
        const prompt = (request.messages[0] as { content: string }).content;
        if (request.messages.length === 1)
          return toolCallTurn({ toolName: 'greet', input: { name: prompt } });
        const last = request.messages.at(-1)!;
        return textTurn(last.role === 'tool' ? last.results[0]!.output : 'unexpected');
      },
      { recordCalls: false },
    );
    const runs = Array.from({ length: 200 }, (_, index) =>
      agent.run(`person-${index}`, {
        model,
        dependencies: { greeting: `Hello-${index}` },
        runId: `run-${index}`,
      }),
    );
    const results = await Promise.all(runs);
    results.forEach((result, index) => {
      expect(result.runId).toBe(`run-${index}`);
      expect(result.output).toBe(`Hello-${index}, person-${index}!`);
      expect(result.usage).toMatchObject({ requests: 2, toolCalls: 1 });
      expect(result.events.every((event) => event.runId === `run-${index}`)).toBe(true);
    });
    expect(model.requestCount).toBe(400);
  });
});
