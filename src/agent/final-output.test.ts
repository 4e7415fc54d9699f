import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { FinalResultTool, finalResultToolName } from './final-output.js';
import type { RunContext } from './run-context.js';
import { ModelRetry } from './tool-errors.js';

const context = { dependencies: { minimum: 3 } } as RunContext<{ minimum: number }>;

describe('FinalResultTool', () => {
  it('offers the output schema as the final_result tool', () => {
    const tool = new FinalResultTool({ schema: z.object({ answer: z.string() }) });
    expect(tool.definition.name).toBe(finalResultToolName);
    expect(tool.definition.inputSchema).toMatchObject({ type: 'object', required: ['answer'] });
    expect(
      new FinalResultTool({ schema: z.string(), description: 'Answer.' }).definition.description,
    ).toBe('Answer.');
  });

  it('wraps a non-object schema as { result }', async () => {
    const tool = new FinalResultTool({ schema: z.array(z.number()) });
    expect(tool.definition.inputSchema).toEqual({
      type: 'object',
      properties: { result: { type: 'array', items: { type: 'number' } } },
      required: ['result'],
    });
    expect(await tool.check({ result: [1, 2] }, context)).toEqual({
      accepted: true,
      output: [1, 2],
    });
    expect(await tool.check('{"result":[3]}', context)).toEqual({ accepted: true, output: [3] });
  });

  it('rejects output that fails the schema with a short summary', async () => {
    const tool = new FinalResultTool({ schema: z.object({ answer: z.string() }) });
    expect(await tool.check({ answer: 1 }, context)).toEqual({
      accepted: false,
      message:
        'Invalid final_result: answer: expected string, received number. Fix it and call final_result again.',
    });
  });

  it('runs validators in order with the context, passing each result on', async () => {
    const tool = new FinalResultTool<{ items: string[] }, { minimum: number }>({
      schema: z.object({ items: z.array(z.string()) }),
      validators: [
        (output) => ({ items: output.items.map((item) => item.trim()) }),
        (output, run) => {
          if (output.items.length < run.dependencies.minimum)
            throw new ModelRetry(`Give at least ${run.dependencies.minimum} items.`);
          return output;
        },
      ],
    });
    expect(await tool.check({ items: [' a ', 'b', 'c'] }, context)).toEqual({
      accepted: true,
      output: { items: ['a', 'b', 'c'] },
    });
    expect(await tool.check({ items: ['a'] }, context)).toEqual({
      accepted: false,
      message: 'Give at least 3 items.',
    });
  });

  it('turns a validator that throws a plain error into a rejection with its message', async () => {
    const tool = new FinalResultTool({
      schema: z.string(),
      validators: [
        () => {
          throw new Error('not a sentence');
        },
      ],
    });
    expect(await tool.check({ result: 'x' }, context)).toEqual({
      accepted: false,
      message: 'The output was rejected: not a sentence. Fix it and call final_result again.',
    });
  });
});
