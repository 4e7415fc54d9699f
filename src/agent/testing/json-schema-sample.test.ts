import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { toModelJsonSchema } from '../json-schema.js';
import { sampleFromJsonSchema } from './json-schema-sample.js';

interface TreeNode {
  name: string;
  children: TreeNode[];
}
const Tree: z.ZodType<TreeNode> = z.object({
  name: z.string(),
  get children() {
    return z.array(Tree);
  },
});

const schemas: Record<string, z.ZodType> = {
  'string bounds': z.string().min(12).max(14),
  'short string': z.string().max(3),
  email: z.email(),
  url: z.url(),
  uuid: z.uuid(),
  'date-time': z.iso.datetime(),
  date: z.iso.date(),
  time: z.iso.time(),
  ipv4: z.ipv4(),
  ipv6: z.ipv6(),
  integer: z.number().int(),
  'integer range': z.number().int().min(10).max(12),
  'negative range': z.number().max(-5),
  'exclusive range': z.number().gt(0).lt(1),
  'exclusive integers': z.number().int().gt(3).lt(6),
  'multiple of': z.number().int().min(7).multipleOf(5),
  boolean: z.boolean(),
  enum: z.enum(['red', 'green']),
  literal: z.literal('fixed'),
  null: z.null(),
  'optional and nested': z.object({
    required: z.string(),
    optional: z.number().optional(),
    nested: z.object({ deep: z.object({ flag: z.boolean() }) }),
  }),
  nullable: z.object({ maybe: z.string().nullable() }),
  default: z.object({ mode: z.enum(['a', 'b']).default('b') }),
  'array bounds': z.array(z.string()).min(2).max(3),
  'empty array only': z.array(z.number()).max(0),
  tuple: z.tuple([z.string(), z.number(), z.boolean()]),
  record: z.record(z.string(), z.number()),
  union: z.union([z.number(), z.string()]),
  'discriminated union': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('a'), a: z.string() }),
    z.object({ kind: z.literal('b'), b: z.number() }),
  ]),
  intersection: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })),
  recursive: Tree,
  'deep recursion': z.object({
    tree: Tree,
    list: z.array(z.array(z.array(z.array(z.array(z.string()))))),
  }),
};

describe('sampleFromJsonSchema', () => {
  it.each(Object.entries(schemas))('makes a valid value for %s', (_name, schema) => {
    const value = sampleFromJsonSchema(toModelJsonSchema(schema));
    const parsed = schema.safeParse(value);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('includes optional properties near the top and stops recursing deep down', () => {
    expect(sampleFromJsonSchema(toModelJsonSchema(z.object({ a: z.string().optional() })))).toEqual(
      { a: 'example' },
    );
    const tree = sampleFromJsonSchema(toModelJsonSchema(Tree));
    expect(JSON.stringify(tree).length).toBeLessThan(500);
  });

  it('handles schemas without a type, refs to definitions and nonsense', () => {
    expect(sampleFromJsonSchema({})).toBe('example');
    expect(sampleFromJsonSchema(true)).toBe('example');
    expect(sampleFromJsonSchema({ type: ['null', 'integer'] })).toBe(1);
    expect(sampleFromJsonSchema({ properties: { a: { type: 'boolean' } } })).toEqual({ a: true });
    expect(sampleFromJsonSchema({ items: { type: 'string' } })).toEqual(['example']);
    expect(sampleFromJsonSchema({ $defs: { 'a/b': { const: 5 } }, $ref: '#/$defs/a~1b' })).toBe(5);
    expect(sampleFromJsonSchema({ allOf: [{ type: 'string' }, { minLength: 2 }] })).toBe('example');
    expect(sampleFromJsonSchema({ anyOf: [{ type: 'null' }] })).toBeNull();
  });
});

describe('patterns', () => {
  it('picks a well-known example that matches a pattern, or falls back', () => {
    expect(sampleFromJsonSchema({ type: 'string', pattern: '^\\d\\d:\\d\\d$' })).toBe('00:00');
    expect(sampleFromJsonSchema({ type: 'string', pattern: '^#[0-9a-f]{6}$' })).toBe('#000000');
    expect(sampleFromJsonSchema({ type: 'string', pattern: '^zzz$' })).toBe('example');
    expect(sampleFromJsonSchema({ type: 'string', pattern: '(' })).toBe('example');
  });
});
