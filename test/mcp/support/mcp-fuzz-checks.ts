/**
 * Sends one generated MCP call and checks how it ended. Allowed: a result; a tool
 * error whose text starts with a stable Archon code (`[INVALID_INPUT] ...`) or is the
 * SDK's own refusal of invalid arguments (`MCP error -32602: ...`); a JSON-RPC error
 * for invalid params, an unknown method or a missing resource. Never: an internal
 * error, `[INTERNAL]`, a stack trace, a timeout or a closed connection.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  ErrorCode as RpcErrorCode,
  McpError,
  ReadResourceResultSchema,
  ResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

import { ErrorCode } from '../../../src/core/errors.js';
import type { McpFuzzCall } from './mcp-fuzz-inputs.js';

const archonCodes = new Set<string>(Object.values(ErrorCode).filter((code) => code !== 'INTERNAL'));
const acceptedRpcCodes = new Set<number>([
  RpcErrorCode.InvalidParams,
  RpcErrorCode.MethodNotFound,
  RpcErrorCode.InvalidRequest,
  -32002,
]);
const stackTrace = /\n\s+at |\bat [^\n]+:\d+:\d+\)/;

/** JSON on the wire: the in-memory transport would hand objects over as they are. */
function overTheWire(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function describeCall(call: McpFuzzCall): string {
  return (JSON.stringify(call) ?? String(call)).slice(0, 300);
}

/** `[CODE] message` with a stable code other than INTERNAL; returns the code. */
function expectArchonText(text: string, call: McpFuzzCall): string {
  const code = /^\[([A-Z_]+)\] /.exec(text)?.[1] ?? '';
  expect(archonCodes.has(code), `${text.slice(0, 300)}\n  after ${describeCall(call)}`).toBe(true);
  return code;
}

async function dispatch(client: Client, call: McpFuzzCall): Promise<unknown> {
  switch (call.kind) {
    case 'tool':
      return client.callTool({
        name: call.name,
        arguments: overTheWire(call.arguments) as Record<string, unknown>,
      });
    case 'tool-raw':
      return client.request(
        { method: 'tools/call', params: overTheWire(call.params) as Record<string, unknown> },
        CallToolResultSchema,
      );
    case 'resource':
      return client.request(
        { method: 'resources/read', params: { uri: overTheWire(call.uri) } },
        ReadResourceResultSchema,
      );
    case 'method':
      return client.request(
        {
          method: call.method,
          ...(call.params === undefined
            ? {}
            : { params: overTheWire(call.params) as Record<string, unknown> }),
        },
        ResultSchema,
      );
  }
}

/** How a call ended: `ok`, `tool error CODE`, or `rpc error CODE`. */
export interface FuzzOutcome {
  readonly outcome: string;
  /** The id of the run an `implement` call started. */
  readonly runId?: string;
}

function checkToolResult(call: McpFuzzCall, result: unknown): FuzzOutcome {
  const { content, isError, structuredContent } = result as {
    content: { type: string; text?: string }[];
    isError?: boolean;
    structuredContent?: { runId?: unknown };
  };
  const text = content.map((part) => part.text ?? '').join('\n');
  expect(text, describeCall(call)).not.toMatch(stackTrace);
  if (isError !== true) {
    const runId = structuredContent?.runId;
    return typeof runId === 'string' ? { outcome: 'ok', runId } : { outcome: 'ok' };
  }
  const invalidParams = `MCP error ${RpcErrorCode.InvalidParams}: `;
  if (text.startsWith(invalidParams))
    return { outcome: `tool error ${RpcErrorCode.InvalidParams}` };
  return { outcome: `tool error ${expectArchonText(text, call)}` };
}

/** Params that are not an object do not make a JSON-RPC request at all. */
function isJsonRpcRequest(call: McpFuzzCall): boolean {
  if (call.kind !== 'tool-raw' && call.kind !== 'method') return true;
  const params = overTheWire(call.params);
  return (
    params === undefined ||
    (typeof params === 'object' && params !== null && !Array.isArray(params))
  );
}

function checkProtocolError(call: McpFuzzCall, error: unknown): FuzzOutcome {
  // Over HTTP the transport refuses a message that is not JSON-RPC with 400 before any server sees it.
  if (error instanceof StreamableHTTPError && error.code === 400 && !isJsonRpcRequest(call)) {
    return { outcome: 'http 400' };
  }
  if (!(error instanceof McpError)) throw error;
  const where = `${error.code} ${error.message.slice(0, 300)}\n  after ${describeCall(call)}`;
  expect(acceptedRpcCodes.has(error.code), where).toBe(true);
  expect(error.message, where).not.toMatch(stackTrace);
  const text = error.message.replace(/^MCP error -?\d+: /, '');
  const code = text.startsWith('[') ? ` ${expectArchonText(text, call)}` : '';
  return { outcome: `rpc error ${error.code}${code}` };
}

/** Sends `call` and checks how it ended. */
export async function sendFuzzCall(client: Client, call: McpFuzzCall): Promise<FuzzOutcome> {
  let result: unknown;
  try {
    result = await dispatch(client, call);
  } catch (error) {
    return checkProtocolError(call, error);
  }
  return call.kind === 'tool' || call.kind === 'tool-raw'
    ? checkToolResult(call, result)
    : { outcome: 'ok' };
}

/** The JSON-RPC messages of a response body: plain JSON, or the data lines of an event stream. */
function messagesOf(text: string, type: string): unknown[] {
  if (text === '') return [];
  if (type.includes('text/event-stream')) {
    return text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => JSON.parse(line.slice('data:'.length)) as unknown);
  }
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** A raw `POST /mcp` answer: below 500, no stack, no internal JSON-RPC error. */
export async function checkRawAnswer(body: string, response: Response): Promise<void> {
  const text = await response.text();
  const where = `${response.status} ${text.slice(0, 300)}\n  after ${body.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  expect(text, where).not.toMatch(stackTrace);
  for (const message of messagesOf(text, response.headers.get('content-type') ?? '')) {
    const error = (message as { error?: { code?: unknown } }).error;
    expect(error?.code, where).not.toBe(RpcErrorCode.InternalError);
    const result = (message as { result?: { isError?: boolean; content?: { text?: string }[] } })
      .result;
    expect(result?.content?.[0]?.text ?? '', where).not.toContain(`[${ErrorCode.Internal}]`);
  }
}
