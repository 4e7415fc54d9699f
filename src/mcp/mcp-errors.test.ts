import { describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../core/errors.js';
import {
  errorText,
  resourceNotFoundRpcCode,
  ResourceReadError,
  resourceReadError,
  toolErrorResult,
} from './mcp-errors.js';

describe('MCP error mapping', () => {
  it('shows an ArchonError as [CODE] message and hides anything else', () => {
    expect(errorText(new ArchonError(ErrorCode.SourceNotFound, "no source named 'x'"))).toBe(
      "[SOURCE_NOT_FOUND] no source named 'x'",
    );
    expect(errorText(new Error('SQLITE_CORRUPT at /secret/path'))).toBe(
      '[INTERNAL] unexpected server error; see the Archon server log',
    );
  });

  it('makes a tool error result and reports only unexpected errors', () => {
    const seen: [unknown, string][] = [];
    const listener = (error: unknown, where: string) => void seen.push([error, where]);
    const expected = new ArchonError(ErrorCode.InvalidInput, 'bad');
    expect(toolErrorResult(expected, 'tool t', listener)).toEqual({
      content: [{ type: 'text', text: '[INVALID_INPUT] bad' }],
      isError: true,
    });
    expect(seen).toEqual([]);
    const bug = new TypeError('undefined is not a function');
    expect(toolErrorResult(bug, 'tool t', listener).content).toEqual([
      { type: 'text', text: '[INTERNAL] unexpected server error; see the Archon server log' },
    ]);
    expect(seen).toEqual([[bug, 'tool t']]);
    expect(toolErrorResult('thrown text', 'tool t').isError).toBe(true);
  });

  it('maps resource read failures to JSON-RPC codes with the same text', () => {
    const notFound = resourceReadError(new ArchonError(ErrorCode.DocumentNotFound, 'gone'), 'r');
    expect(notFound).toBeInstanceOf(ResourceReadError);
    expect(notFound).toMatchObject({
      code: resourceNotFoundRpcCode,
      message: '[DOCUMENT_NOT_FOUND] gone',
    });
    for (const code of [ErrorCode.NotFound, ErrorCode.SourceNotFound, ErrorCode.PathNotFound]) {
      expect(resourceReadError(new ArchonError(code, 'x'), 'r').code).toBe(-32002);
    }
    expect(resourceReadError(new ArchonError(ErrorCode.InvalidInput, 'x'), 'r').code).toBe(-32602);
    expect(resourceReadError(new ArchonError(ErrorCode.StorageError, 'x'), 'r').code).toBe(-32603);
    const seen: string[] = [];
    const hidden = resourceReadError(new Error('boom'), 'resource x', (_error, where) =>
      seen.push(where),
    );
    expect(hidden).toMatchObject({ code: -32603, message: expect.stringMatching(/^\[INTERNAL\]/) });
    expect(seen).toEqual(['resource x']);
  });
});
