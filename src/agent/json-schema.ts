/**
 * zod schemas as the JSON Schema models read, through zod v4's own `z.toJSONSchema`
 * (input side: what the model must send). Converted once per schema and cached.
 */
import { z } from 'zod';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { errorMessage } from './tool-errors.js';

const cache = new WeakMap<z.ZodType, Readonly<Record<string, unknown>>>();

/**
 * The JSON Schema of `schema`, without the `$schema` key. Types JSON cannot express
 * (dates, functions) become unconstrained. Throws an INVALID_CONFIG ArchonError when zod
 * cannot convert the schema.
 */
export function toModelJsonSchema(schema: z.ZodType): Readonly<Record<string, unknown>> {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  let converted: Record<string, unknown>;
  try {
    converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `cannot express the schema as JSON Schema: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  delete converted.$schema;
  cache.set(schema, converted);
  return converted;
}

/** Whether a JSON Schema describes a JSON object (what model tool inputs must be). */
export function isObjectSchema(jsonSchema: Readonly<Record<string, unknown>>): boolean {
  return jsonSchema.type === 'object';
}
