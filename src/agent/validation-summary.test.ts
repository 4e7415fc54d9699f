import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { summarizeValidationError } from './validation-summary.js';

describe('summarizeValidationError', () => {
  it('names each path and problem shortly', () => {
    const result = z
      .object({ count: z.number(), nested: z.object({ name: z.string() }) })
      .safeParse({ count: 'x', nested: { name: 1 } });
    expect(summarizeValidationError(result.error!)).toBe(
      'count: expected number, received string; nested.name: expected string, received number',
    );
  });

  it('shows the first four issues and counts the rest', () => {
    const schema = z.object({
      a: z.string(),
      b: z.string(),
      c: z.string(),
      d: z.string(),
      e: z.string(),
      f: z.string(),
    });
    const summary = summarizeValidationError(schema.safeParse({}).error!);
    expect(summary.split('; ')).toHaveLength(4);
    expect(summary).toMatch(/\(and 2 more problems\)$/);
  });

  it('labels problems with the whole input', () => {
    expect(summarizeValidationError(z.object({}).safeParse('text').error!)).toMatch(
      /^\(input\): expected object/,
    );
  });
});
