/**
 * Input schemas of the engineer's file tools, as the model sees them. Descriptions are
 * short on purpose: every word is paid for on every request.
 */
import { z } from 'zod';

import { maximumPlanItemLength, maximumPlanItems } from './plan-board.js';

const workspacePath = z.string().min(1).describe('Path relative to the workspace root');

export const listFilesSchema = z.object({
  path: workspacePath.optional().describe('Folder to list; default: whole workspace'),
  glob: z.string().min(1).optional().describe('e.g. *.ts or src/**/*.test.ts'),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const readFileSchema = z.object({
  path: workspacePath,
  startLine: z.number().int().min(1).optional().describe('First line, from 1'),
  endLine: z.number().int().min(1).optional().describe('Last line, inclusive'),
});

export const grepSchema = z.object({
  pattern: z.string().min(1).max(1000).describe('JavaScript regular expression, matched per line'),
  path: workspacePath.optional().describe('Folder or file; default: whole workspace'),
  glob: z.string().min(1).optional().describe('File filter, e.g. *.ts'),
  caseSensitive: z.boolean().default(true),
  limit: z.number().int().min(1).max(500).default(50),
});

export const editFileSchema = z.object({
  path: workspacePath,
  oldText: z
    .string()
    .min(1)
    .describe('Exact current text, including indentation, without line numbers'),
  newText: z.string(),
  replaceAll: z.boolean().default(false).describe('Replace every occurrence'),
});

export const writeFileSchema = z.object({
  path: workspacePath,
  content: z.string().describe('The whole file content'),
});

export const updatePlanSchema = z.object({
  items: z
    .array(
      z.object({
        text: z.string().min(1).max(maximumPlanItemLength),
        status: z.enum(['pending', 'in_progress', 'done']),
      }),
    )
    .max(maximumPlanItems),
});
