import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import type { AgentMessage } from './agent-messages.js';
import { defineTool } from './agent-tool.js';
import type { ToolContext } from './run-context.js';
import { FunctionModel } from './testing/function-model.js';
import { type ScriptedTurn, textTurn, toolCallTurn } from './testing/model-turns.js';

const lastToolResults = (transcript: readonly AgentMessage[]) => {
  const last = transcript.findLast((message) => message.role === 'tool');
  return last?.role === 'tool' ? last.results : [];
};

describe('tool retries', () => {
  it('sends retry messages back to the model and stops when the budget (2) is exceeded', async () => {
    const seenRetries: number[] = [];
    const flaky = defineTool({
      name: 'edit',
      description: 'Edits.',
      inputSchema: z.object({ attempt: z.number() }),
      execute: (_input, context) => {
        seenRetries.push(context.retries);
        return context.retry('The text to replace was not found; read the file first.');
      },
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [flaky] });
    const model = new FunctionModel((_request, { callIndex }) =>
      toolCallTurn({ toolName: 'edit', input: { attempt: callIndex } }),
    );
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('tool-retries-exhausted');
    expect(result.stopDetail).toBe(
      'tool edit needed a retry 3 times in a row (budget: 2 retries); last: The text to replace was not found; read the file first.',
    );
    expect(model.requestCount).toBe(3);
    expect(seenRetries).toEqual([0, 1, 2]);
    expect(lastToolResults(result.transcript)).toEqual([
      {
        toolCallId: 'call-3-1',
        toolName: 'edit',
        output: 'The text to replace was not found; read the file first.',
        isError: true,
      },
    ]);
  });

  it('honours a tool-level budget and resets the count after a success', async () => {
    let calls = 0;
    const sometimes = defineTool({
      name: 'sometimes',
      description: 'Fails every other call.',
      inputSchema: z.object({ attempt: z.number() }),
      maxRetries: 1,
      execute: (_input, context) => (++calls % 2 === 1 ? context.retry('again') : 'ok'),
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [sometimes] });
    const script: ScriptedTurn[] = [0, 1, 2, 3, 4, 5].map((attempt) =>
      toolCallTurn({ toolName: 'sometimes', input: { attempt } }),
    );
    const result = await agent.run('go', {
      model: FunctionModel.sequence([...script, textTurn('done')]),
    });
    expect(result.stopReason).toBe('completed');
    const zero = new Agent({
      name: 'b',
      instructions: 'x',
      tools: [
        defineTool({
          name: 'never',
          description: 'Never works.',
          inputSchema: z.object({}),
          maxRetries: 0,
          execute: (_input, context) => context.retry('no'),
        }),
      ],
    });
    const stopped = await zero.run('go', {
      model: FunctionModel.sequence([toolCallTurn({ toolName: 'never', input: {} })]),
    });
    expect(stopped.stopReason).toBe('tool-retries-exhausted');
  });

  it('uses the agent-level retry budget', async () => {
    const always = defineTool({
      name: 'always',
      description: 'Retries.',
      inputSchema: z.object({ n: z.number() }),
      execute: (_input, context) => context.retry('again'),
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [always], maxToolRetries: 4 });
    const model = new FunctionModel((_request, { callIndex }) =>
      toolCallTurn({ toolName: 'always', input: { n: callIndex } }),
    );
    await agent.run('go', { model });
    expect(model.requestCount).toBe(5);
  });
});

describe('bad tool calls go back to the model, never crash', () => {
  const read = defineTool({
    name: 'read_file',
    description: 'Reads a file.',
    inputSchema: z.object({ path: z.string(), startLine: z.number().int().min(1).optional() }),
    execute: (input) => `contents of ${input.path}`,
  });

  it('answers an unknown tool with the list of tools and goes on', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'delete_everything', input: {} }),
      textTurn('sorry'),
    ]);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('completed');
    expect(lastToolResults(result.transcript)).toEqual([
      {
        toolCallId: 'call-1-1',
        toolName: 'delete_everything',
        output: 'Unknown tool "delete_everything". Available tools: read_file.',
        isError: true,
      },
    ]);
    expect(result.events.find((event) => event.type === 'tool-result')).toMatchObject({
      executed: false,
      isError: true,
    });
  });

  it('stops after three unknown tool calls in a row', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read] });
    const model = new FunctionModel((_request, { callIndex }) =>
      toolCallTurn({ toolName: `made_up_${callIndex}`, input: {} }),
    );
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('tool-retries-exhausted');
    expect(result.stopDetail).toContain(
      'the model called unknown tools (last: made_up_2) 3 times in a row',
    );
  });

  it('answers invalid arguments with a short summary, counting them as retries', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read] });
    const model = FunctionModel.sequence([
      toolCallTurn({ toolName: 'read_file', input: { path: 7, startLine: 0 } }),
      toolCallTurn({ toolName: 'read_file', input: { path: 'a.ts' } }),
      textTurn('done'),
    ]);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('completed');
    const firstResults = result.transcript[2] as Extract<AgentMessage, { role: 'tool' }>;
    expect(firstResults.results[0]).toEqual({
      toolCallId: 'call-1-1',
      toolName: 'read_file',
      output:
        'Invalid arguments for read_file: path: expected string, received number; startLine: Too small: expected number to be >=1. ' +
        'Fix the arguments and call read_file again.',
      isError: true,
    });
    const invalidForever = new FunctionModel((_request, { callIndex }) =>
      toolCallTurn({ toolName: 'read_file', input: { path: callIndex } }),
    );
    expect((await agent.run('go', { model: invalidForever })).stopReason).toBe(
      'tool-retries-exhausted',
    );
  });

  it('turns tool exceptions into error results with the message only', async () => {
    const failing = defineTool({
      name: 'fail',
      description: 'Fails.',
      inputSchema: z.object({ n: z.number() }),
      execute: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [failing] });
    const turns = [0, 1, 2, 3, 4].map((n) => toolCallTurn({ toolName: 'fail', input: { n } }));
    const result = await agent.run('go', {
      model: FunctionModel.sequence([...turns, textTurn('gave up')]),
    });
    // Plain errors inform the model; they do not use up the retry budget.
    expect(result.stopReason).toBe('completed');
    const output = lastToolResults(result.transcript)[0]!;
    expect(output).toMatchObject({ output: 'Error: EACCES: permission denied', isError: true });
    expect(output.output).not.toMatch(/\n\s+at /);
  });
});

describe('tool context and ordering', () => {
  it('hands each tool the dependencies, run id, step, call id and abort signal', async () => {
    const seen: unknown[] = [];
    const inspect = defineTool({
      name: 'inspect',
      description: 'Inspects its context.',
      inputSchema: z.object({ label: z.string() }),
      execute: (input, context: ToolContext<{ token: string }>) => {
        seen.push({
          label: input.label,
          token: context.dependencies.token,
          runId: context.runId,
          step: context.step,
          toolCallId: context.toolCallId,
          toolName: context.toolName,
          agentName: context.agentName,
          model: context.model.modelId,
          aborted: context.abortSignal.aborted,
          requests: context.usage.requests,
        });
        return input.label;
      },
    });
    const agent = new Agent({ name: 'inspector', instructions: 'x', tools: [inspect] });
    const model = FunctionModel.sequence([
      toolCallTurn(
        { toolName: 'inspect', input: { label: 'first' } },
        { toolName: 'inspect', input: { label: 'second' }, toolCallId: 'mine' },
      ),
      textTurn('ok'),
    ]);
    const result = await agent.run('go', { model, dependencies: { token: 't-1' }, runId: 'r-1' });
    expect(seen).toEqual([
      {
        label: 'first',
        token: 't-1',
        runId: 'r-1',
        step: 1,
        toolCallId: 'call-1-1',
        toolName: 'inspect',
        agentName: 'inspector',
        model: 'function',
        aborted: false,
        requests: 1,
      },
      {
        label: 'second',
        token: 't-1',
        runId: 'r-1',
        step: 1,
        toolCallId: 'mine',
        toolName: 'inspect',
        agentName: 'inspector',
        model: 'function',
        aborted: false,
        requests: 1,
      },
    ]);
    expect(lastToolResults(result.transcript).map((part) => part.output)).toEqual([
      'first',
      'second',
    ]);
  });
});

describe('tool output truncation', () => {
  const big = defineTool({
    name: 'dump',
    description: 'Dumps a lot.',
    inputSchema: z.object({}),
    execute: () => Array.from({ length: 5000 }, (_, index) => `line ${index + 1}`).join('\n'),
  });
  const run = async (agent: Agent<unknown>, options: object = {}) =>
    agent.run('go', {
      model: FunctionModel.sequence([
        toolCallTurn({ toolName: 'dump', input: {} }),
        textTurn('ok'),
      ]),
      ...options,
    });

  it('truncates to 16,000 characters by default with a note saying what was cut', async () => {
    const result = await run(new Agent({ name: 'a', instructions: 'x', tools: [big] }));
    const output = lastToolResults(result.transcript)[0]!.output;
    expect(output.length).toBeLessThan(16_000 + 400);
    expect(output).toMatch(
      /\[output truncated: characters [\d,]+-[\d,]+ \(lines [\d,]+-[\d,]+\) of [\d,]+ characters \(5,000 lines\) were cut\./,
    );
    expect(output.startsWith('line 1\n')).toBe(true);
    expect(output.endsWith('line 5000')).toBe(true);
    expect(result.events.find((event) => event.type === 'tool-result')).toMatchObject({
      truncated: true,
    });
  });

  it('follows the agent, run and tool limits and the tool hint', async () => {
    const agentLimited = await run(
      new Agent({
        name: 'a',
        instructions: 'x',
        tools: [big],
        context: { maxToolOutputCharacters: 1000 },
      }),
    );
    expect(lastToolResults(agentLimited.transcript)[0]!.output.length).toBeLessThan(1400);
    const runLimited = await run(new Agent({ name: 'a', instructions: 'x', tools: [big] }), {
      context: { maxToolOutputCharacters: 2000 },
    });
    const runOutput = lastToolResults(runLimited.transcript)[0]!.output;
    expect(runOutput.length).toBeGreaterThan(1400);
    expect(runOutput.length).toBeLessThan(2400);
    const hinted = defineTool({
      name: 'dump',
      description: 'Dumps.',
      inputSchema: z.object({}),
      maxOutputCharacters: 300,
      truncationHint: 'Call dump with a page number.',
      execute: () => 'x'.repeat(5000),
    });
    const toolLimited = await run(new Agent({ name: 'a', instructions: 'x', tools: [hinted] }));
    const toolOutput = lastToolResults(toolLimited.transcript)[0]!.output;
    expect(toolOutput).toContain('Call dump with a page number.]');
    expect(toolOutput.length).toBeLessThan(700);
  });
});

describe('final_result among other calls', () => {
  const counter = { runs: 0 };
  const work = defineTool({
    name: 'work',
    description: 'Works.',
    inputSchema: z.object({}),
    execute: () => `worked ${++counter.runs}`,
  });
  const agent = new Agent({
    name: 'a',
    instructions: 'x',
    tools: [work],
    output: { schema: z.object({ answer: z.string() }) },
  });

  it('ends the run on a valid final result and does not run the other calls', async () => {
    counter.runs = 0;
    const model = FunctionModel.sequence([
      toolCallTurn(
        { toolName: 'work', input: {} },
        { toolName: 'final_result', input: { answer: 'A' } },
        { toolName: 'final_result', input: { answer: 'B' } },
      ),
    ]);
    const result = await agent.run('go', { model });
    expect(result).toMatchObject({ stopReason: 'completed', output: { answer: 'A' } });
    expect(counter.runs).toBe(0);
    expect(lastToolResults(result.transcript).map((part) => [part.output, part.isError])).toEqual([
      ['Not run: the final result was accepted, which ends the run.', true],
      ['Final result accepted.', false],
      ['Not run: only the first final_result call of a response is used.', true],
    ]);
  });

  it('runs the other calls when the final result is invalid', async () => {
    counter.runs = 0;
    const model = FunctionModel.sequence([
      toolCallTurn(
        { toolName: 'work', input: {} },
        { toolName: 'final_result', input: { answer: 1 } },
      ),
      toolCallTurn({ toolName: 'final_result', input: { answer: 'fixed' } }),
    ]);
    const result = await agent.run('go', { model });
    expect(result).toMatchObject({ stopReason: 'completed', output: { answer: 'fixed' } });
    expect(counter.runs).toBe(1);
    const first = result.transcript[2] as Extract<AgentMessage, { role: 'tool' }>;
    expect(first.results.map((part) => part.isError)).toEqual([false, true]);
  });
});
