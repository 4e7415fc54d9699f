/**
 * How an MCP endpoint joins the HTTP server at `/mcp`, behind the same request IDs,
 * logs, metrics, API keys, rate limits and shutdown gate as the rest of the API.
 * The server does not import the MCP layer: any handler of the web-standard form
 * (`fetch(Request) => Response`) or the Node form (`node(request, response)`) fits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { OpenAPIHono } from '@hono/zod-openapi';

import { ArchonError, ErrorCode } from '../core/errors.js';
import { requestIdHeader } from './middleware/request-context.js';
import type { ServerEnvironment } from './server-environment.js';

/** A web-standard handler (preferred; works under `app.request()` too) or a raw Node one. */
export type McpMount =
  | { readonly fetch: (request: Request) => Promise<Response> }
  | { readonly node: (request: IncomingMessage, response: ServerResponse) => Promise<void> };

/** The path the MCP endpoint answers on. */
export const mcpPath = '/mcp';

export function mountMcpHandler(app: OpenAPIHono<ServerEnvironment>, mount: McpMount): void {
  app.all(mcpPath, async (context) => {
    if ('fetch' in mount) return mount.fetch(context.req.raw);
    const { incoming, outgoing } = context.env ?? {};
    if (incoming === undefined || outgoing === undefined) {
      throw new ArchonError(ErrorCode.Internal, 'a Node MCP handler needs the Node HTTP server');
    }
    outgoing.setHeader(requestIdHeader, context.get('requestId'));
    await mount.node(incoming as IncomingMessage, outgoing as ServerResponse);
    return RESPONSE_ALREADY_SENT;
  });
}
