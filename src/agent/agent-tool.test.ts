import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ArchonError } from '../core/errors.js';
import { defineTool } from './agent-tool.js';
import type { ToolContext } from './run-context.js';

const inputSchema = z.object({ path: z.string() });

describe('defineTool', () => {
  it('builds the model definition from the zod schema and keeps options', () => {
    const tool = defineTool({
      name: 'read_file',
      description: 'Reads a file.',
      inputSchema,
      maxRetries: 4,
      maxOutputCharacters: 500,
      truncationHint: 'Read a line range.',
      execute: (input) => input.path,
    });
    expect(tool.definition).toEqual({
      name: 'read_file',
      description: 'Reads a file.',
      inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    });
    expect(tool).toMatchObject({
      maxRetries: 4,
      maxOutputCharacters: 500,
      truncationHint: 'Read a line range.',
    });
  });

  it('hands execute the input and the typed context', async () => {
    const tool = defineTool({
      name: 'greet',
      description: 'Greets.',
      inputSchema,
      execute: (input, context: ToolContext<{ greeting: string }>) =>
        `${context.dependencies.greeting} ${input.path}`,
    });
    const context = { dependencies: { greeting: 'hi' } } as ToolContext<{ greeting: string }>;
    expect(await tool.execute({ path: 'x' }, context)).toBe('hi x');
  });

  it.each([
    [{ name: 'bad name' }, /name must be 1-64 letters/],
    [{ name: 'x'.repeat(65) }, /name must be/],
    [{ description: '  ' }, /description must not be empty/],
    [{ inputSchema: z.string() }, /inputSchema must be a z.object/],
    [{ execute: 'no' }, /execute must be a function/],
    [{ maxRetries: -1 }, /maxRetries must be an integer >= 0/],
    [{ maxOutputCharacters: 10 }, /maxOutputCharacters must be an integer >= 100/],
  ])('rejects %j with a clear ArchonError', (override, message) => {
    const definition = {
      name: 'tool',
      description: 'Does it.',
      inputSchema,
      execute: () => '',
      ...override,
    };
    expect(() => defineTool(definition as never)).toThrow(ArchonError);
    expect(() => defineTool(definition as never)).toThrow(message);
  });
});
