import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineTool } from './agent-tool.js';
import type { ToolContext } from './run-context.js';
import { executeToolCall, serializeOutput } from './tool-call-execution.js';
import { ModelRetry } from './tool-errors.js';

const contextWith = (signal: AbortSignal = new AbortController().signal) =>
  ({ abortSignal: signal, dependencies: undefined }) as unknown as ToolContext<unknown>;

const echo = defineTool({
  name: 'echo',
  description: 'Echoes.',
  inputSchema: z.object({ text: z.string(), count: z.number().int().min(1).default(1) }),
  execute: (input) => input.text.repeat(input.count),
});

describe('executeToolCall', () => {
  it('validates, applies defaults and runs the tool', async () => {
    expect(await executeToolCall(echo, { text: 'ab', count: 2 }, contextWith())).toEqual({
      kind: 'success',
      output: 'abab',
    });
    expect(await executeToolCall(echo, { text: 'ab' }, contextWith())).toEqual({
      kind: 'success',
      output: 'ab',
    });
  });

  it('parses arguments sent as a JSON string and treats missing arguments as {}', async () => {
    expect(await executeToolCall(echo, '{"text":"x"}', contextWith())).toEqual({
      kind: 'success',
      output: 'x',
    });
    const none = defineTool({
      name: 'none',
      description: 'No input.',
      inputSchema: z.object({}),
      execute: () => 'ok',
    });
    for (const input of [undefined, null, '']) {
      expect(await executeToolCall(none, input, contextWith())).toEqual({
        kind: 'success',
        output: 'ok',
      });
    }
  });

  it('answers invalid arguments with a short summary, as a retry that did not run', async () => {
    const outcome = await executeToolCall(echo, { text: 3, count: 0 }, contextWith());
    expect(outcome).toEqual({
      kind: 'retry',
      executed: false,
      output:
        'Invalid arguments for echo: text: expected string, received number; count: Too small: expected number to be >=1. ' +
        'Fix the arguments and call echo again.',
    });
    const broken = await executeToolCall(echo, '{"text": "unterminated', contextWith());
    expect(broken).toMatchObject({
      kind: 'retry',
      output: expect.stringContaining('(input): expected object, received string'),
    });
  });

  it('turns a ModelRetry into a retry and any other error into its message only', async () => {
    const retrying = defineTool({
      name: 'r',
      description: 'R.',
      inputSchema: z.object({}),
      execute: (_input, context) => context.retry('use another path'),
    });
    const throwing = defineTool({
      name: 't',
      description: 'T.',
      inputSchema: z.object({}),
      execute: () => {
        throw new Error('disk full');
      },
    });
    const retryClass = defineTool({
      name: 'c',
      description: 'C.',
      inputSchema: z.object({}),
      execute: async () => Promise.reject(new ModelRetry('again')),
    });
    const context = {
      ...contextWith(),
      retry: (message: string) => {
        throw new ModelRetry(message);
      },
    } as unknown as ToolContext<unknown>;
    expect(await executeToolCall(retrying, {}, context)).toEqual({
      kind: 'retry',
      executed: true,
      output: 'use another path',
    });
    expect(await executeToolCall(retryClass, {}, context)).toEqual({
      kind: 'retry',
      executed: true,
      output: 'again',
    });
    const failed = await executeToolCall(throwing, {}, context);
    expect(failed).toEqual({ kind: 'error', output: 'Error: disk full' });
    expect(failed.output).not.toContain(' at ');
  });

  it('reports cancellation when the signal fires while the tool runs', async () => {
    const controller = new AbortController();
    const hanging = defineTool({
      name: 'h',
      description: 'Hangs.',
      inputSchema: z.object({}),
      execute: () => {
        setTimeout(() => controller.abort(), 1);
        return new Promise(() => undefined);
      },
    });
    expect(await executeToolCall(hanging, {}, contextWith(controller.signal))).toMatchObject({
      kind: 'cancelled',
    });
  });
});

describe('serializeOutput', () => {
  it('keeps strings, marks no output and writes other values as JSON', () => {
    expect(serializeOutput('text')).toBe('text');
    expect(serializeOutput(undefined)).toBe('(no output)');
    expect(serializeOutput({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(serializeOutput(null)).toBe('null');
    expect(serializeOutput(() => 1)).toBe('() => 1');
    expect(serializeOutput(10n)).toBe('10');
  });
});
