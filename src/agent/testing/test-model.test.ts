import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { Agent } from '../agent.js';
import { defineTool } from '../agent-tool.js';
import { TestModel } from './test-model.js';

const received: Record<string, unknown> = {};
const record = <Schema extends z.ZodObject>(name: string, inputSchema: Schema) =>
  defineTool({
    name,
    description: `Records ${name}.`,
    inputSchema,
    execute: (input) => {
      received[name] = input;
      return `${name} ok`;
    },
  });

const tools = [
  record(
    'search',
    z.object({ query: z.string().min(3), limit: z.number().int().min(1).max(5).optional() }),
  ),
  record(
    'edit',
    z.object({
      path: z.string(),
      mode: z.enum(['replace', 'append']),
      lines: z.array(z.object({ number: z.number().int().positive(), text: z.string() })).min(1),
    }),
  ),
  record('toggle', z.object({ on: z.boolean(), when: z.iso.datetime().nullable() })),
];

describe('TestModel', () => {
  it('calls every tool once with valid generated arguments, then gives text with the tool outputs', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools });
    const model = new TestModel();
    const result = await agent.run('go', { model });
    expect(result.stopReason).toBe('completed');
    expect(Object.keys(received).sort()).toEqual(['edit', 'search', 'toggle']);
    const toolMessage = result.transcript[2]!;
    expect(toolMessage.role === 'tool' && toolMessage.results.every((part) => !part.isError)).toBe(
      true,
    );
    expect(result.output).toBe('{"search":"search ok","edit":"edit ok","toggle":"toggle ok"}');
    expect(model.calls).toHaveLength(2);
  });

  it('returns valid structured output generated from the output schema', async () => {
    const schema = z.object({
      summary: z.string().min(20),
      files: z.array(z.string()).min(2),
      score: z.number().min(0).max(1),
    });
    const agent = new Agent({ name: 'a', instructions: 'x', tools, output: { schema } });
    const result = await agent.run('go', { model: new TestModel({ callTools: ['search'] }) });
    expect(result.stopReason).toBe('completed');
    expect(schema.safeParse(result.output).success).toBe(true);
    expect(result.usage.toolCalls).toBe(1);
  });

  it('sends a given final result and a given text', async () => {
    const typed = new Agent({
      name: 'a',
      instructions: 'x',
      output: { schema: z.object({ n: z.number() }) },
    });
    expect(
      (await typed.run('go', { model: new TestModel({ finalResult: { n: 42 } }) })).output,
    ).toEqual({ n: 42 });
    const plain = new Agent({ name: 'b', instructions: 'x' });
    const model = new TestModel({
      text: 'fixed',
      provider: 'custom',
      modelId: 'mine',
      contextWindow: 100_000,
      recordCalls: false,
    });
    expect(
      (
        await plain.run('go', {
          model,
          prices: { 'custom:*': { inputPerMillionUsd: 0, outputPerMillionUsd: 0 } },
        })
      ).output,
    ).toBe('fixed');
    expect(model.calls).toEqual([]);
    expect((await plain.run('go', { model: new TestModel() })).output).toBe(
      'success (no tool calls)',
    );
  });

  it('serves many runs at once, deciding from each request alone', async () => {
    const agent = new Agent({ name: 'a', instructions: 'x', tools });
    const model = new TestModel();
    const results = await Promise.all(Array.from({ length: 20 }, () => agent.run('go', { model })));
    expect(
      results.every((result) => result.stopReason === 'completed' && result.usage.toolCalls === 3),
    ).toBe(true);
  });
});
