/**
 * A transport decorator that answers malformed requests itself, with JSON-RPC's own
 * codes, before the SDK sees them. Left to the SDK, a request whose params do not fit
 * its method's schema gets -32603 (internal error) with a multi-line dump of schema
 * issues, a `resources/read` of a URI that does not parse gets -32603 "Invalid URL",
 * and a message that is not a JSON-RPC request at all (params an array or a number)
 * gets no answer, so the client waits for its timeout. Here they get -32600 (invalid
 * request) or -32602 (invalid params) with a one-line reason.
 */
import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode as RpcErrorCode,
  InitializeRequestSchema,
  type JSONRPCMessage,
  JSONRPCRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  type MessageExtraInfo,
  PingRequestSchema,
  ReadResourceRequestSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** Longest resource URI read; ours are under 250 characters. */
export const maximumResourceUriLength = 8192;

/** The part of a zod schema used here. */
interface RequestSchema {
  safeParse(
    value: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** The request schemas of the methods this server answers. */
const requestSchemas: ReadonlyMap<string, RequestSchema> = new Map<string, RequestSchema>([
  ['initialize', InitializeRequestSchema],
  ['ping', PingRequestSchema],
  ['tools/list', ListToolsRequestSchema],
  ['tools/call', CallToolRequestSchema],
  ['resources/list', ListResourcesRequestSchema],
  ['resources/templates/list', ListResourceTemplatesRequestSchema],
  ['resources/read', ReadResourceRequestSchema],
]);

interface Refusal {
  readonly id: RequestId;
  readonly code: number;
  readonly message: string;
}

/** Why `message` must be refused, or null to pass it on. */
export function refusalOf(message: unknown): Refusal | null {
  if (typeof message !== 'object' || message === null || !('method' in message)) return null;
  const id = (message as { id?: unknown }).id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  if (!JSONRPCRequestSchema.safeParse(message).success) {
    return {
      id,
      code: RpcErrorCode.InvalidRequest,
      message: 'Invalid request: not a JSON-RPC 2.0 request',
    };
  }
  const { method, params } = message as { method: string; params?: unknown };
  const parsed = requestSchemas.get(method)?.safeParse(message);
  if (parsed !== undefined && !parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? 'params' : issue.path.map(String).join('.') || 'params';
    return {
      id,
      code: RpcErrorCode.InvalidParams,
      message: `Invalid params for ${method}: ${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  if (method === 'resources/read') {
    const uri = (params as { uri: string }).uri;
    if (uri.length > maximumResourceUriLength || !URL.canParse(uri)) {
      return {
        id,
        code: RpcErrorCode.InvalidParams,
        message: `Invalid params for resources/read: uri must be a URI of at most ${maximumResourceUriLength} characters`,
      };
    }
  }
  return null;
}

/** `transport` with malformed requests answered before they reach the server. */
export class RequestGuard implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  constructor(private readonly inner: Transport) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  async start(): Promise<void> {
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (error) => this.onerror?.(error);
    this.inner.onmessage = (message, extra) => this.receive(message, extra);
    await this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  private receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    const refusal = refusalOf(message);
    if (refusal === null) return this.onmessage?.(message, extra);
    const answer: JSONRPCMessage = {
      jsonrpc: '2.0',
      id: refusal.id,
      error: { code: refusal.code, message: refusal.message },
    };
    this.inner
      .send(answer, { relatedRequestId: refusal.id })
      .catch((error: unknown) =>
        this.onerror?.(error instanceof Error ? error : new Error(String(error))),
      );
  }
}
