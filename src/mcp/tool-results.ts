/**
 * How every tool answers: Markdown-ish text for the model (what it reads and pays
 * for), structured content beside it where a program may want the fields, and every
 * failure turned into a tool error through the one mapping in `mcp-errors.ts`.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

import { toolErrorResult, type UnexpectedErrorListener } from './mcp-errors.js';

/** A successful tool result with `text`, and `structured` as structuredContent when given. */
export function textResult(text: string, structured?: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    ...(structured === undefined ? {} : { structuredContent: structured }),
  };
}

/** Runs a tool's work; any throw becomes a tool error (`isError: true`, `[CODE] message`). */
export async function runTool(
  toolName: string,
  onUnexpected: UnexpectedErrorListener | undefined,
  work: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    return toolErrorResult(error, `tool ${toolName}`, onUnexpected);
  }
}
