/**
 * Zod pieces shared by the tool input schemas. Defensive length caps are checked as
 * refinements, not `maxLength`, so they stay out of the JSON schema every client
 * sends to its model on every turn; the limits agents should know are in the schema.
 */
import { z } from 'zod';

/** A non-blank string (trimmed) of at most `maximum` characters. */
export function text(maximum: number): z.ZodType<string> {
  return z
    .string()
    .trim()
    .min(1)
    .refine((value) => value.length <= maximum, `must be at most ${maximum} characters`);
}

/** A list of at most `maximum` non-blank strings of at most `itemMaximum` characters each. */
export function textList(maximum: number, itemMaximum: number): z.ZodType<string[]> {
  return z
    .array(text(itemMaximum))
    .refine((values) => values.length <= maximum, `must have at most ${maximum} items`);
}

/** A 1-based line number. */
export const lineNumber = z
  .number()
  .int()
  .min(1)
  .refine((value) => value <= 100_000_000, 'must be at most 100000000');
