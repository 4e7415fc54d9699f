import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ArchonError } from '../core/errors.js';
import { isObjectSchema, toModelJsonSchema } from './json-schema.js';

describe('toModelJsonSchema', () => {
  it('converts the input side of a zod schema without $schema, and caches it', () => {
    const schema = z.object({
      path: z.string().describe('file path'),
      limit: z.number().int().default(10),
    });
    const json = toModelJsonSchema(schema);
    expect(json).toMatchObject({
      type: 'object',
      properties: {
        path: { type: 'string', description: 'file path' },
        limit: { type: 'integer', default: 10 },
      },
      required: ['path'],
    });
    expect(json).not.toHaveProperty('$schema');
    expect(toModelJsonSchema(schema)).toBe(json);
    expect(isObjectSchema(json)).toBe(true);
    expect(isObjectSchema(toModelJsonSchema(z.string()))).toBe(false);
  });

  it('leaves types JSON cannot express unconstrained', () => {
    expect(toModelJsonSchema(z.object({ when: z.date() })).properties).toEqual({ when: {} });
  });

  it('throws a clear ArchonError for a schema zod cannot convert', () => {
    const broken = { _zod: { def: { type: 'nonsense' } } } as unknown as z.ZodType;
    expect(() => toModelJsonSchema(broken)).toThrow(ArchonError);
    expect(() => toModelJsonSchema(broken)).toThrow(/cannot express the schema as JSON Schema/);
  });
});
