/**
 * zod errors in a few words a model can act on: the first issues, each as `path: message`,
 * and how many more there were. Long listings waste context and confuse more than help.
 */
import type { z } from 'zod';

const shownIssues = 4;

/** `count: expected number, received string; tags.2: too long (and 3 more problems)`. */
export function summarizeValidationError(error: z.ZodError): string {
  const issues = error.issues;
  const shown = issues.slice(0, shownIssues).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? '(input)' : path}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more problems)` : ''}`;
}
