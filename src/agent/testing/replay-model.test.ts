import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from '../agent.js';
import { defineTool } from '../agent-tool.js';
import { FunctionModel } from './function-model.js';
import { textTurn, toolCallTurn } from './model-turns.js';
import { ReplayModel } from './replay-model.js';

let counter = 0;
const lookup = defineTool({
  name: 'lookup',
  description: 'Looks up a key.',
  inputSchema: z.object({ key: z.string() }),
  execute: (input) => `value of ${input.key} (${++counter})`,
});
const other = defineTool({
  name: 'other',
  description: 'Another tool.',
  inputSchema: z.object({}),
  execute: () => '',
});
const agent = new Agent({ name: 'a', instructions: 'Look things up.', tools: [lookup] });

async function recordRun() {
  const model = FunctionModel.sequence([
    toolCallTurn({ toolName: 'lookup', input: { key: 'a' } }),
    toolCallTurn({ toolName: 'lookup', input: { key: 'b' } }),
    textTurn('a and b found'),
  ]);
  return agent.run('Find a and b.', { model });
}

describe('ReplayModel', () => {
  it('re-runs a recorded transcript to the same result', async () => {
    const recorded = await recordRun();
    const replay = new ReplayModel(recorded);
    const replayed = await agent.run('Find a and b.', { model: replay });
    expect(replayed.stopReason).toBe('completed');
    expect(replayed.output).toBe('a and b found');
    expect(replayed.transcript.filter((message) => message.role === 'assistant')).toEqual(
      recorded.transcript.filter((message) => message.role === 'assistant'),
    );
    expect(replay.remainingTurns).toBe(0);
    expect(replay).toMatchObject({ provider: 'test', modelId: 'replay' });
  });

  it('fails clearly when the run asks for more turns than recorded', async () => {
    const recorded = await recordRun();
    const shortened = { transcript: recorded.transcript.slice(0, 3) };
    const result = await agent.run('Find a and b.', { model: new ReplayModel(shortened) });
    expect(result.stopReason).toBe('model-error');
    expect(result.stopDetail).toContain(
      'ReplayModel: request 2 diverges from the recording: the run asked for model turn 2, but the recording has only 1',
    );
  });

  it('fails clearly on a different tool list, system prompt or prompt', async () => {
    const recorded = await recordRun();
    const moreTools = new Agent({
      name: 'a',
      instructions: 'Look things up.',
      tools: [lookup, other],
    });
    const toolResult = await moreTools.run('Find a and b.', { model: new ReplayModel(recorded) });
    expect(toolResult.stopDetail).toContain(
      'the tools differ from the recording (added: other; missing: none)',
    );
    const otherInstructions = new Agent({
      name: 'a',
      instructions: 'Something else.',
      tools: [lookup],
    });
    expect(
      (await otherInstructions.run('Find a and b.', { model: new ReplayModel(recorded) }))
        .stopDetail,
    ).toContain('the system prompt differs');
    expect((await agent.run('Find c.', { model: new ReplayModel(recorded) })).stopDetail).toContain(
      'the first user message differs',
    );
  });

  it('fails when the run sends results for other calls, and in strict mode for other outputs', async () => {
    const recorded = await recordRun();
    const renamed = recorded.transcript.map((message) =>
      message.role === 'tool'
        ? {
            ...message,
            results: message.results.map((part) => ({
              ...part,
              toolCallId: `x-${part.toolCallId}`,
            })),
          }
        : message,
    );
    const changedIds = await agent.run('Find a and b.', {
      model: new ReplayModel({ transcript: renamed }),
    });
    expect(changedIds.stopDetail).toContain(
      'request 2 diverges from the recording: the tool results are for other calls (recorded x-call-1-1:lookup; sent call-1-1:lookup)',
    );
    // Outputs differ between runs (the counter moved on): fine by default, a divergence in strict mode.
    expect(
      (await agent.run('Find a and b.', { model: new ReplayModel(recorded) })).stopReason,
    ).toBe('completed');
    const strict = await agent.run('Find a and b.', {
      model: new ReplayModel(recorded, { strict: true }),
    });
    expect(strict.stopDetail).toContain('the tool results differ from the recording');
  });

  it('compares runtime notes and message kinds', async () => {
    const typed = new Agent({
      name: 't',
      instructions: 'x',
      output: { schema: z.object({ n: z.number() }) },
    });
    const recorded = await typed.run('go', {
      model: FunctionModel.sequence([
        textTurn('no'),
        toolCallTurn({ toolName: 'final_result', input: { n: 1 } }),
      ]),
    });
    expect((await typed.run('go', { model: new ReplayModel(recorded) })).output).toEqual({ n: 1 });
    const editedNote = recorded.transcript.map((message, index) =>
      index === 2 ? { role: 'user' as const, content: 'different note' } : message,
    );
    expect(
      (await typed.run('go', { model: new ReplayModel({ transcript: editedNote }) })).stopDetail,
    ).toContain('a user message differs from the recording');
    const wrongKind = recorded.transcript.map((message, index) =>
      index === 2 ? { role: 'tool' as const, results: [] } : message,
    );
    expect(
      (await typed.run('go', { model: new ReplayModel({ transcript: wrongKind }) })).stopDetail,
    ).toContain('expected a tool message, the run sent a user message');
  });

  it('fails when the request has fewer messages than the recording expects', async () => {
    const recorded = await recordRun();
    const padded = [
      recorded.transcript[0]!,
      recorded.transcript[0]!,
      ...recorded.transcript.slice(1),
    ];
    const result = await agent.run('Find a and b.', {
      model: new ReplayModel({ transcript: padded }, { contextWindow: 10_000 }),
    });
    expect(result.stopDetail).toContain('the request has 1 messages, fewer than recorded');
  });
});
