import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ArchonError } from '../core/errors.js';
import { buildBlueprint, checkRunOptions, resolveContextOptions } from './agent-options.js';
import { defineTool } from './agent-tool.js';
import { FunctionModel } from './testing/function-model.js';

const tool = (name: string) =>
  defineTool({ name, description: 'A tool.', inputSchema: z.object({}), execute: () => '' });
const base = { name: 'agent', instructions: 'Be useful.' };

describe('buildBlueprint', () => {
  it('applies defaults and lists final_result last', () => {
    const blueprint = buildBlueprint({
      ...base,
      tools: [tool('a')],
      output: { schema: z.object({ x: z.number() }) },
      maxSteps: 7,
    });
    expect(blueprint).toMatchObject({
      maxToolRetries: 2,
      maxOutputRetries: 2,
      loopDetection: 'stop',
      loopRepeatThreshold: 3,
      limits: { maxSteps: 7 },
      toolNames: ['a', 'final_result'],
    });
  });

  it.each([
    [{ name: '' }, /agent name must be a non-empty string/],
    [{ instructions: 3 }, /instructions must be a string or a function/],
    [{ maxToolRetries: -1 }, /maxToolRetries must be an integer >= 0/],
    [{ maxOutputRetries: 0.5 }, /maxOutputRetries/],
    [{ loopRepeatThreshold: 1 }, /loopRepeatThreshold must be an integer >= 2/],
    [{ loopDetection: 'ignore' }, /loopDetection must be "stop" or "warn"/],
    [{ maxSteps: -3 }, /maxSteps must be an integer >= 0/],
    [
      { context: { maxToolOutputCharacters: 10 } },
      /maxToolOutputCharacters must be an integer >= 100/,
    ],
    [{ context: { contextWindowTokens: 0 } }, /contextWindowTokens must be an integer >= 1/],
    [{ context: { compactionThreshold: 1.5 } }, /compactionThreshold must be in \(0, 1\]/],
    [
      { context: { compactionTarget: 0.9 } },
      /compactionTarget must be in \(0, compactionThreshold\]/,
    ],
    [
      { prices: { x: { inputPerMillionUsd: -1, outputPerMillionUsd: 0 } } },
      /price table entry "x"/,
    ],
    [{ tools: [tool('a'), tool('a')] }, /two tools are named "a"/],
    [{ tools: [{ name: 'x' }] }, /tools must be made with defineTool/],
    [{ tools: [tool('final_result')] }, /"final_result" is reserved/],
  ])('rejects %j with a clear ArchonError', (override, message) => {
    expect(() => buildBlueprint({ ...base, ...override } as never)).toThrow(ArchonError);
    expect(() => buildBlueprint({ ...base, ...override } as never)).toThrow(message);
  });

  it('rejects missing options', () => {
    expect(() => buildBlueprint(undefined as never)).toThrow(/agent options are required/);
  });
});

describe('resolveContextOptions', () => {
  it('merges layers over the defaults', () => {
    expect(
      resolveContextOptions({ maxToolOutputCharacters: 500 }, undefined, {
        contextWindowTokens: 1000,
      }),
    ).toEqual({
      maxToolOutputCharacters: 500,
      contextWindowTokens: 1000,
      compactionThreshold: 0.75,
      compactionTarget: 0.5,
    });
  });
});

describe('checkRunOptions', () => {
  const model = new FunctionModel(() => ({ parts: [] }));
  it.each([
    [{ model }, 3, /the prompt must be a string/],
    [{}, 'go', /run options need a model/],
    [{ model, runId: '' }, 'go', /runId must be a non-empty string/],
    [{ model, clock: 5 }, 'go', /clock must be a function/],
    [{ model, prices: { x: {} } }, 'go', /price table entry "x"/],
  ])('rejects %j', (options, prompt, message) => {
    expect(() => checkRunOptions(options as never, prompt)).toThrow(message);
  });

  it('accepts a complete set of options', () => {
    expect(() => checkRunOptions({ model, runId: 'r', clock: () => 0 }, 'go')).not.toThrow();
  });
});
