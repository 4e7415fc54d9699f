/**
 * Turns a failed zod validation of a request into INVALID_INPUT with one readable
 * line: where (body, path, query) and the first few problems with their fields.
 */
import type { z } from '@hono/zod-openapi';

import { ArchonError, ErrorCode } from '../core/errors.js';

const targetNames: Readonly<Record<string, string>> = {
  json: 'request body',
  param: 'path parameter',
  query: 'query parameter',
  header: 'header',
};

/** The hook `OpenAPIHono` calls after validating each part of a request. */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: z.ZodError }),
): void {
  if (result.success) return;
  const where = targetNames[result.target] ?? result.target;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
  throw new ArchonError(ErrorCode.InvalidInput, `invalid ${where}: ${problems}`.slice(0, 1000));
}
