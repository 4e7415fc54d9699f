/**
 * A minimal node:http server on 127.0.0.1 (port 0) that mounts the MCP handler at
 * `/mcp`, as the HTTP server does, plus a raw request helper that can send any Host.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createMcpHttpHandler, type McpHttpOptions } from '../../../src/mcp/index.js';

export interface RunningMcpHttpServer {
  readonly port: number;
  readonly url: URL;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts the server; requests to other paths get 404. */
export async function startMcpHttpServer(
  options: Omit<McpHttpOptions, 'host'> & { host?: string },
): Promise<RunningMcpHttpServer> {
  const handler = createMcpHttpHandler({ host: '127.0.0.1', ...options });
  const server = createServer((request, response) => {
    if (request.url?.split('?')[0] === '/mcp') return void handler.node(request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with exactly the given headers (Host included), body as given. */
export function rawRequest(
  port: number,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        setHost: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Headers of a well-formed MCP POST. */
export function mcpHeaders(
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    host: `127.0.0.1:${port}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...extra,
  };
}

/** An initialize request body. */
export const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
});
