import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from './agent.js';
import { FunctionModel } from './testing/function-model.js';
import { textTurn, toolCallTurn } from './testing/model-turns.js';
import { ModelRetry } from './tool-errors.js';

const plan = z.object({ steps: z.array(z.string()).min(1) });
const final = (input: unknown) => toolCallTurn({ toolName: 'final_result', input });

describe('structured output validation', () => {
  it('asks the model again when a validator rejects the output, then accepts the fix', async () => {
    const agent = new Agent<{ minimum: number }, z.infer<typeof plan>>({
      name: 'planner',
      instructions: 'Plan.',
      output: {
        schema: plan,
        validators: [
          (output, context) => {
            if (output.steps.length < context.dependencies.minimum) {
              return context.retry(`Give at least ${context.dependencies.minimum} steps.`);
            }
            return output;
          },
        ],
      },
    });
    const model = FunctionModel.sequence([
      final({ steps: ['one'] }),
      final({ steps: ['one', 'two'] }),
    ]);
    const result = await agent.run('Plan it.', { model, dependencies: { minimum: 2 } });
    expect(result).toMatchObject({ stopReason: 'completed', output: { steps: ['one', 'two'] } });
    expect(result.transcript[2]).toEqual({
      role: 'tool',
      results: [
        {
          toolCallId: 'call-1-1',
          toolName: 'final_result',
          output: 'Give at least 2 steps.',
          isError: true,
        },
      ],
    });
  });

  it('stops with output-retries-exhausted after the output budget (2) is exceeded', async () => {
    const agent = new Agent({
      name: 'picky',
      instructions: 'x',
      output: {
        schema: plan,
        validators: [
          () => {
            throw new ModelRetry('Never good enough.');
          },
        ],
      },
    });
    const model = new FunctionModel(() => final({ steps: ['x'] }));
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('output-retries-exhausted');
    expect(result.stopDetail).toBe(
      'the output was rejected 3 times (budget: 2 retries); last: Never good enough.',
    );
    expect(result.output).toBeUndefined();
    expect(model.requestCount).toBe(3);
    expect(result.transcript.at(-1)!.role).toBe('tool');
  });

  it('counts schema failures against the output budget too', async () => {
    const agent = new Agent({
      name: 'strict',
      instructions: 'x',
      output: { schema: plan },
      maxOutputRetries: 1,
    });
    const model = new FunctionModel(() => final({ steps: [] }));
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('output-retries-exhausted');
    expect(result.stopDetail).toContain('steps: Too small');
    expect(model.requestCount).toBe(2);
  });

  it('tells a model that answers in plain text to call final_result', async () => {
    const agent = new Agent({ name: 'typed', instructions: 'x', output: { schema: plan } });
    const model = FunctionModel.sequence([
      textTurn('Step one, then two.'),
      final({ steps: ['one', 'two'] }),
    ]);
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('completed');
    expect(result.transcript[2]).toEqual({
      role: 'user',
      content:
        'Plain text does not end this run: call the final_result tool with your final answer.',
    });
    const stubborn = new FunctionModel(() => textTurn('I refuse.'));
    const stopped = await agent.run('go', { model: stubborn });
    expect(stopped).toMatchObject({ stopReason: 'output-retries-exhausted', text: 'I refuse.' });
  });

  it('sends back an output schema that fails while checking, as an output retry', async () => {
    const schema = z.object({ id: z.string() }).refine(async (value) => {
      if (value.id === 'boom') throw new Error('lookup service down');
      return true;
    });
    const agent = new Agent({ name: 'a', instructions: 'x', output: { schema } });
    const model = FunctionModel.sequence([final({ id: 'boom' }), final({ id: 'fine' })]);
    const result = await agent.run('go', { model });
    expect(result).toMatchObject({ stopReason: 'completed', output: { id: 'fine' } });
    expect(result.transcript[2]).toMatchObject({
      role: 'tool',
      results: [{ isError: true, output: 'The output could not be checked: lookup service down' }],
    });
  });

  it('wraps a non-object output schema and returns the bare value', async () => {
    const agent = new Agent({
      name: 'numbers',
      instructions: 'x',
      output: { schema: z.array(z.number()) },
    });
    const result = await agent.run('go', {
      model: FunctionModel.sequence([final({ result: [1, 2, 3] })]),
    });
    expect(result.output).toEqual([1, 2, 3]);
  });

  it('treats an empty response as an output retry', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x' });
    const model = FunctionModel.sequence([
      { parts: [] },
      { parts: [{ type: 'text', text: '' }] },
      textTurn('Here.'),
    ]);
    const result = await agent.run('go', { model });
    expect(result).toMatchObject({ stopReason: 'completed', output: 'Here.' });
    expect(
      result.transcript
        .filter((message) => message.role === 'user')
        .map((message) => message.role === 'user' && message.content),
    ).toEqual([
      'go',
      'Your last response was empty. Answer, or call a tool.',
      'Your last response was empty. Answer, or call a tool.',
    ]);
    expect(
      result.transcript.some(
        (message) => message.role === 'assistant' && message.parts.length === 0,
      ),
    ).toBe(false);
    expect(
      result.events.filter((event) => event.type === 'warning' && event.kind === 'empty-response'),
    ).toHaveLength(2);
    const silent = await agent.run('go', { model: new FunctionModel(() => ({ parts: [] })) });
    expect(silent.stopReason).toBe('output-retries-exhausted');
  });
});
