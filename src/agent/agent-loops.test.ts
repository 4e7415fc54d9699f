import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import type { AgentMessage } from './agent-messages.js';
import { defineTool } from './agent-tool.js';
import { FunctionModel } from './testing/function-model.js';
import { textTurn, toolCallTurn } from './testing/model-turns.js';

let executions = 0;
const read = defineTool({
  name: 'read_file',
  description: 'Reads a file.',
  inputSchema: z.object({ path: z.string() }),
  execute: (input) => {
    executions += 1;
    return `contents of ${input.path}`;
  },
});
const same = () => toolCallTurn({ toolName: 'read_file', input: { path: 'a.ts' } });
const toolOutputs = (transcript: readonly AgentMessage[]) =>
  transcript.flatMap((message) =>
    message.role === 'tool' ? message.results.map((result) => result.output) : [],
  );

describe('loop detection', () => {
  it('stops at the third identical call in a row without running it (stop mode, the default)', async () => {
    executions = 0;
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read] });
    const model = new FunctionModel(same);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('loop-detected');
    expect(result.stopDetail).toBe(
      'read_file was called 3 times in a row with the same arguments {"path":"a.ts"}',
    );
    expect(executions).toBe(2);
    expect(model.requestCount).toBe(3);
    expect(toolOutputs(result.transcript).at(-1)).toBe(
      'Not run: this identical call was repeated 3 times in a row; the run stops here (loop detected).',
    );
  });

  it('warns the model once, and the run goes on when it changes course (warn mode)', async () => {
    executions = 0;
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read], loopDetection: 'warn' });
    const model = FunctionModel.sequence([
      same(),
      same(),
      same(),
      toolCallTurn({ toolName: 'read_file', input: { path: 'b.ts' } }),
      textTurn('done'),
    ]);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('completed');
    expect(executions).toBe(3);
    expect(toolOutputs(result.transcript)[2]).toMatch(
      /^Not run: this is identical call number 3 in a row to read_file/,
    );
    expect(
      result.events.filter((event) => event.type === 'warning' && event.kind === 'loop-warning'),
    ).toHaveLength(1);
  });

  it('stops at the next repeat after the warning (warn mode)', async () => {
    executions = 0;
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read], loopDetection: 'warn' });
    const model = new FunctionModel(same);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('loop-detected');
    expect(model.requestCount).toBe(4);
    expect(executions).toBe(2);
    expect(result.stopDetail).toContain('4 times in a row');
  });

  it('catches a model alternating between the same two calls each step', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools: [read] });
    const pair = () =>
      toolCallTurn(
        { toolName: 'read_file', input: { path: 'a.ts' } },
        { toolName: 'read_file', input: { path: 'b.ts' } },
      );
    const result = await agent.run('go', { model: new FunctionModel(pair) });
    expect(result.stopReason).toBe('loop-detected');
    expect(result.usage.steps).toBe(3);
  });

  it('does not count calls with other arguments, and honours a custom threshold', async () => {
    const agent = new Agent({
      name: 'a',
      instructions: 'x',
      tools: [read],
      loopRepeatThreshold: 2,
    });
    const varied = new FunctionModel((_request, { callIndex }) =>
      callIndex < 4
        ? toolCallTurn({ toolName: 'read_file', input: { path: `${callIndex}.ts` } })
        : textTurn('done'),
    );
    expect((await agent.run('go', { model: varied })).stopReason).toBe('completed');
    const repeating = await agent.run('go', { model: new FunctionModel(same) });
    expect(repeating.stopReason).toBe('loop-detected');
    expect(repeating.usage.steps).toBe(2);
  });
});
