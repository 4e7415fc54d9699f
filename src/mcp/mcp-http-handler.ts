/**
 * MCP over streamable HTTP, for the HTTP server to mount at `/mcp`. Stateless: every
 * POST gets a fresh server and transport and nothing outlives the request, so any
 * replica behind a load balancer can answer any request and a restart loses nothing.
 * Our tools need no server-to-client requests or standalone streams (`implement`
 * returns a run id that `get_run` polls), so sessions would only add state.
 *
 * Each request passes, in order: the DNS rebinding guard (403), the API key (401),
 * the method (POST only; GET and DELETE answer 405, which clients take as "no
 * standalone stream, no session"). A tool call's response may stream as server-sent
 * events, carrying progress notifications; the server closes when the stream ends or
 * the client goes away, which also cancels the tool's work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { getRequestListener } from '@hono/node-server';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { type ApiKeyOptions, createApiKeyCheck } from './api-key-check.js';
import { closeAfterResponse } from './closing-response.js';
import { createMcpServer } from './create-mcp-server.js';
import { createDnsRebindingGuard, type DnsRebindingOptions } from './dns-rebinding-guard.js';
import type { McpDependencies } from './mcp-dependencies.js';

/** Default cap of a request body: a spec or a query fits many times over. */
export const defaultMaximumBodyBytes = 1024 * 1024;

export interface McpHttpOptions extends DnsRebindingOptions, ApiKeyOptions {
  readonly dependencies: McpDependencies;
  /** Larger bodies get 413 before they are parsed. */
  readonly maximumBodyBytes?: number;
}

export interface McpHttpHandler {
  /** Web-standard form, for Hono: `app.all('/mcp', (c) => handler.fetch(c.req.raw))`. */
  fetch(request: Request): Promise<Response>;
  /** Node form, for `node:http`: `(request, response) => handler.node(request, response)`. */
  node(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** The `/mcp` endpoint: guard, authenticate, then answer one MCP message (or batch). */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const guard = createDnsRebindingGuard(options);
  const authenticate = createApiKeyCheck(options);
  const maximumBodyBytes = options.maximumBodyBytes ?? defaultMaximumBodyBytes;
  if (!Number.isSafeInteger(maximumBodyBytes) || maximumBodyBytes < 1) {
    throw new ArchonError(
      ErrorCode.InvalidConfig,
      `MCP over HTTP: maximumBodyBytes must be a positive integer, got ${maximumBodyBytes}`,
    );
  }
  const onUnexpected = options.dependencies.onUnexpectedError;

  const handle = async (request: Request): Promise<Response> => {
    const refused = guard(request.headers);
    if (refused !== null) return rpcError(403, `Forbidden: ${refused.reason}`);
    const unauthenticated = await authenticate(request.headers);
    if (unauthenticated !== null) {
      return rpcError(401, `Unauthorized: ${unauthenticated.reason}`, {
        'www-authenticate': 'Bearer',
      });
    }
    if (request.method !== 'POST') {
      return rpcError(405, 'Method not allowed: this server is stateless; POST messages', {
        allow: 'POST',
      });
    }
    return answer(request);
  };

  const answer = async (request: Request): Promise<Response> => {
    const server = createMcpServer(options.dependencies);
    const close = (): void =>
      void server.close().catch((error: unknown) => onUnexpected?.(error, 'closing MCP server'));
    try {
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        maxRequestBodySize: maximumBodyBytes,
      });
      await server.connect(transport);
      return closeAfterResponse(await transport.handleRequest(request), close);
    } catch (error) {
      close();
      throw error;
    }
  };

  const fetch = async (request: Request): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      onUnexpected?.(error, 'MCP over HTTP');
      return rpcError(500, 'Internal error');
    }
  };

  return { fetch, node: getRequestListener(fetch) };
}

/** A JSON-RPC error body with an HTTP status, as MCP transports answer refused requests. */
function rpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }),
    {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    },
  );
}
