/**
 * The fetch of URL ingestion on a server: a GET over node:http(s) whose sockets connect
 * only through the {@link guardedLookup}, with redirects followed here, one hop at a
 * time, so every hop's URL (scheme, IP literal) and every connection's addresses are
 * checked. Node's built-in fetch cannot take a custom lookup without the `undici`
 * package (see docs/decisions/015-ssrf-guard.md), hence this small client. It speaks
 * what the crawler needs: GET/HEAD, request headers, an abort signal, the status, the
 * headers and the streamed body; it asks for no compression, so bodies arrive as sent.
 */
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import { guardedLookup } from './guarded-lookup.js';
import { assertAllowedUrl, isUrlNotAllowed, urlNotAllowed, type UrlPolicy } from './url-policy.js';

/** Options of {@link createGuardedFetch}. */
export interface GuardedFetchOptions {
  readonly policy: UrlPolicy;
  /**
   * Sends each hop instead of node:http (tests inject a fetch with no network behind
   * it). Hop URLs are still checked; the transport owns its connections.
   */
  readonly transport?: typeof fetch;
  /** Most redirects followed from one request. Default 10. */
  readonly maxRedirects?: number;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** A fetch that never reaches an address `options.policy` refuses; refusals reject with URL_NOT_ALLOWED. */
export function createGuardedFetch(options: GuardedFetchOptions): typeof fetch {
  const maxRedirects = options.maxRedirects ?? 10;
  const send =
    options.transport === undefined
      ? (url: URL, init: RequestInit) => requestOnce(url, init, options.policy)
      : (url: URL, init: RequestInit) =>
          (options.transport as typeof fetch)(url.href, { ...init, redirect: 'manual' });
  return async (input, init = {}) => {
    const target = input instanceof Request ? input.url : input;
    let url = assertAllowedUrl(new URL(target), options.policy);
    for (let hop = 0; ; hop += 1) {
      const response = await send(url, init);
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null)
        return withUrl(response, url);
      await response.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
      url = assertAllowedUrl(new URL(location, url), options.policy);
    }
  };
}

/** One request, no redirects followed; network failures reject like fetch's (a TypeError with the cause). */
function requestOnce(url: URL, init: RequestInit, policy: UrlPolicy): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      lookup: guardedLookup(policy),
      agent: false,
      ...(init.signal ? { signal: init.signal } : {}),
    });
    outgoing.on('response', (incoming) => {
      try {
        resolve(toResponse(incoming, method));
      } catch (error) {
        incoming.destroy();
        reject(new TypeError('fetch failed', { cause: error }));
      }
    });
    outgoing.on('error', (error) => {
      if (isUrlNotAllowed(error)) reject(urlNotAllowed(url, error.message));
      else if (error.name === 'AbortError') reject(error);
      else reject(new TypeError('fetch failed', { cause: error }));
    });
    outgoing.end();
  });
}

function toResponse(incoming: IncomingMessage, method: string): Response {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
    headers.append(incoming.rawHeaders[index] ?? '', incoming.rawHeaders[index + 1] ?? '');
  }
  const empty = nullBodyStatuses.has(status) || method === 'HEAD';
  if (empty) incoming.resume();
  const body = empty ? null : (Readable.toWeb(incoming) as NodeReadableStream<Uint8Array>);
  return new Response(body as ReadableStream<Uint8Array> | null, {
    status,
    statusText: incoming.statusMessage ?? '',
    headers,
  });
}

/** fetch's `Response.url` cannot be set through the constructor; the crawler reads it for the final URL. */
function withUrl(response: Response, url: URL): Response {
  if (response.url === url.href) return response;
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
