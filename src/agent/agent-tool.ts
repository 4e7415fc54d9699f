/**
 * Typed tools. A tool has a name, a description and a zod input schema; the runtime
 * validates the model's arguments against the schema before `execute` runs, so
 * `execute` receives exactly the schema's output type and the agent's dependencies.
 */
import type { z } from 'zod';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { isObjectSchema, toModelJsonSchema } from './json-schema.js';
import type { ModelToolDefinition } from './language-model.js';
import type { ToolContext } from './run-context.js';

/** What `defineTool` takes. */
export interface ToolDefinition<Schema extends z.ZodType, Deps> {
  /** 1-64 letters, digits, `_` or `-` (what every provider accepts). */
  readonly name: string;
  /** What the model reads to decide when and how to call the tool. */
  readonly description: string;
  /** A `z.object(...)`: model tool inputs are JSON objects. */
  readonly inputSchema: Schema;
  /** Retries (ModelRetry or invalid arguments) allowed in a row before the run stops; default: the agent's (2). */
  readonly maxRetries?: number;
  /** Longest output the model reads from this tool; default: the agent's (16,000). */
  readonly maxOutputCharacters?: number;
  /** Appended to the truncation note: how to read the part that was cut. */
  readonly truncationHint?: string;
  /**
   * Does the work. A string goes to the model as is; `undefined` as "(no output)";
   * anything else as JSON. Throw a ModelRetry (or call `context.retry`) to ask the model
   * to try again; any other error goes back to the model as its message.
   */
  execute(input: z.output<Schema>, context: ToolContext<Deps>): unknown;
}

/** A defined tool, ready to give an agent. */
export interface AgentTool<Deps = unknown> {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: z.ZodType;
  readonly maxRetries?: number;
  readonly maxOutputCharacters?: number;
  readonly truncationHint?: string;
  /** How the model sees the tool. */
  readonly definition: ModelToolDefinition;
  /** Runs the tool on already validated input. */
  readonly execute: (input: unknown, context: ToolContext<Deps>) => unknown;
}

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Defines a tool. Type the context parameter (`context: ToolContext<MyDeps>`) to get
 * typed dependencies. Throws an INVALID_CONFIG ArchonError for a bad name, an empty
 * description, a non-object schema or a bad limit.
 */
export function defineTool<Schema extends z.ZodType, Deps = unknown>(
  definition: ToolDefinition<Schema, Deps>,
): AgentTool<Deps> {
  const { name, description, inputSchema } = definition;
  const fail = (message: string): never => {
    throw new ArchonError(ErrorCode.InvalidConfig, `tool "${String(name)}": ${message}`, {
      details: { tool: name },
    });
  };
  if (typeof name !== 'string' || !toolNamePattern.test(name)) {
    fail('name must be 1-64 letters, digits, "_" or "-"');
  }
  if (typeof description !== 'string' || description.trim() === '') {
    fail('description must not be empty');
  }
  if (typeof definition.execute !== 'function') fail('execute must be a function');
  const jsonSchema = toModelJsonSchema(inputSchema);
  if (!isObjectSchema(jsonSchema)) fail('inputSchema must be a z.object(...)');
  checkOptionalCount(definition.maxRetries, 0, 'maxRetries', fail);
  checkOptionalCount(definition.maxOutputCharacters, 100, 'maxOutputCharacters', fail);
  return {
    name,
    description,
    inputSchema,
    ...(definition.maxRetries === undefined ? {} : { maxRetries: definition.maxRetries }),
    ...(definition.maxOutputCharacters === undefined
      ? {}
      : { maxOutputCharacters: definition.maxOutputCharacters }),
    ...(definition.truncationHint === undefined
      ? {}
      : { truncationHint: definition.truncationHint }),
    definition: { name, description, inputSchema: jsonSchema },
    execute: (input, context) => definition.execute(input as z.output<Schema>, context),
  };
}

/** Fails unless `value` is undefined or an integer >= `minimum`. */
export function checkOptionalCount(
  value: number | undefined,
  minimum: number,
  label: string,
  fail: (message: string) => never,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < minimum) {
    fail(`${label} must be an integer >= ${minimum}, got ${String(value)}`);
  }
}
