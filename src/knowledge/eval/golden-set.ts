/**
 * Reads a golden set: JSON Lines of `{"query": "...", "relevant": ["uri or path", ...]}`.
 * Every bad line is reported with its number; nothing is silently dropped.
 */
import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { ArchonError, ErrorCode } from '../../core/errors.js';

export interface GoldenQuery {
  readonly line: number;
  readonly query: string;
  readonly relevant: readonly string[];
}

const goldenLineSchema = z.object({
  query: z.string().trim().min(1),
  relevant: z.array(z.string().min(1)).min(1),
});

/** Parses golden-set text; INVALID_INPUT names the first bad line. */
export function parseGoldenSet(text: string, origin = 'golden set'): GoldenQuery[] {
  const queries: GoldenQuery[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ArchonError(ErrorCode.InvalidInput, `${origin}:${index + 1}: not valid JSON`);
    }
    const parsed = goldenLineSchema.safeParse(value);
    if (!parsed.success) {
      throw new ArchonError(
        ErrorCode.InvalidInput,
        `${origin}:${index + 1}: expected {"query": string, "relevant": [string, ...]}`,
      );
    }
    queries.push({ line: index + 1, query: parsed.data.query, relevant: parsed.data.relevant });
  });
  if (queries.length === 0)
    throw new ArchonError(ErrorCode.InvalidInput, `${origin} has no queries`);
  return queries;
}

/** Reads and parses a golden-set file; PATH_NOT_FOUND if it does not exist. */
export function readGoldenSet(path: string): GoldenQuery[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ArchonError(ErrorCode.PathNotFound, `golden set not found: ${path}`, {
      details: { path },
    });
  }
  return parseGoldenSet(text, path);
}
