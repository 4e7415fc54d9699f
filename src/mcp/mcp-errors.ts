/**
 * The one place where the core's errors become MCP errors. A tool failure is a tool
 * result with `isError: true` and the text `[CODE] message`, so the calling agent can
 * read it and correct itself; a failed resource read is a JSON-RPC error carrying the
 * same text. Only ArchonErrors show their message: anything else is unexpected, is
 * reported to `onUnexpected` (the server log) and reaches the client as a bare
 * `[INTERNAL]` line, never with a stack or an internal message.
 */
import { type CallToolResult, ErrorCode as RpcErrorCode } from '@modelcontextprotocol/sdk/types.js';

import { ArchonError, ErrorCode } from '../core/errors.js';

/** Called with every error that is not an ArchonError, before it is hidden from the client. */
export type UnexpectedErrorListener = (error: unknown, where: string) => void;

/** JSON-RPC code for "resource not found" (MCP specification, resources). */
export const resourceNotFoundRpcCode = -32002;

const internalText = `[${ErrorCode.Internal}] unexpected server error; see the Archon server log`;

/** `[CODE] message` for an ArchonError, the bare internal line for anything else. */
export function errorText(error: unknown): string {
  return ArchonError.isInstance(error) ? `[${error.code}] ${error.message}` : internalText;
}

/** A tool result reporting `error` to the agent (`isError: true`). */
export function toolErrorResult(
  error: unknown,
  where: string,
  onUnexpected?: UnexpectedErrorListener,
): CallToolResult {
  if (!ArchonError.isInstance(error)) onUnexpected?.(error, where);
  return { content: [{ type: 'text', text: errorText(error) }], isError: true };
}

/**
 * A failed resource read as the SDK sends it: its `code` and `message` go on the wire
 * unchanged (the SDK's own McpError would prefix the message with "MCP error <code>:").
 */
export class ResourceReadError extends Error {
  override readonly name = 'ResourceReadError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON-RPC error for a failed resource read. */
export function resourceReadError(
  error: unknown,
  where: string,
  onUnexpected?: UnexpectedErrorListener,
): ResourceReadError {
  if (!ArchonError.isInstance(error)) onUnexpected?.(error, where);
  return new ResourceReadError(rpcCodeOf(error), errorText(error));
}

function rpcCodeOf(error: unknown): number {
  if (!ArchonError.isInstance(error)) return RpcErrorCode.InternalError;
  switch (error.code) {
    case ErrorCode.NotFound:
    case ErrorCode.SourceNotFound:
    case ErrorCode.DocumentNotFound:
    case ErrorCode.PathNotFound:
      return resourceNotFoundRpcCode;
    case ErrorCode.InvalidInput:
      return RpcErrorCode.InvalidParams;
    default:
      return RpcErrorCode.InternalError;
  }
}
