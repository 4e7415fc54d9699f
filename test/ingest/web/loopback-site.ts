/**
 * A real HTTP server on 127.0.0.1 for crawler tests: fixed routes, request log, and a
 * count of requests in flight so tests can prove the crawler's concurrency limit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned response. */
export interface Route {
  readonly status?: number;
  /** Content-Type header; omitted when null. Default text/html; charset=utf-8. */
  readonly type?: string | null;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Holds the response this long before sending it. */
  readonly delayMs?: number;
  /** Sends headers, then never finishes the body. */
  readonly stall?: boolean;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  readonly path: string;
  readonly userAgent: string | undefined;
  readonly startedAt: number;
}

export interface LoopbackSite {
  readonly origin: string;
  url(path: string): string;
  readonly requests: RecordedRequest[];
  /** Paths requested, in order. */
  paths(): string[];
  /** Most requests (robots.txt excluded) in flight at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a site serving `routes` (path with query → route); everything else is 404. */
export async function startLoopbackSite(
  routes: Record<string, Route | Handler>,
): Promise<LoopbackSite> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, userAgent: request.headers['user-agent'], startedAt: Date.now() });
    const counted = path !== '/robots.txt';
    if (counted) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      if (counted) inFlight -= 1;
    };
    response.on('close', done);
    response.on('finish', done);
    const route = routes[path];
    if (typeof route === 'function') {
      route(request, response);
      return;
    }
    serve(response, route ?? { status: 404, body: 'not found', type: 'text/plain' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    paths: () => requests.map((request) => request.path),
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serve(response: ServerResponse, route: Route): void {
  const send = (): void => {
    const type = route.type === undefined ? 'text/html; charset=utf-8' : route.type;
    if (type !== null) response.setHeader('content-type', type);
    for (const [name, value] of Object.entries(route.headers ?? {}))
      response.setHeader(name, value);
    response.statusCode = route.status ?? 200;
    if (route.stall === true) {
      response.flushHeaders();
      response.write('<p>partial');
      return;
    }
    response.end(route.body ?? '');
  };
  if (route.delayMs === undefined) send();
  else setTimeout(send, route.delayMs);
}

/** A port nothing listens on (a server was there a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A small HTML page. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}
