/**
 * One HTTP GET with the limits a crawler needs: a deadline covering headers and body, a
 * byte ceiling enforced while streaming, and an early refusal of content types we cannot
 * read. Failures come back as values so one bad page never stops a crawl.
 */
import type { SkipReason } from '../loaded-document.js';
import { parseContentType } from './content-type.js';
import { isUrlNotAllowed } from './network/url-policy.js';

/** A body read in full. */
export interface FetchedResource {
  readonly kind: 'fetched';
  readonly requestedUrl: string;
  /** Where redirects ended. */
  readonly finalUrl: string;
  readonly status: number;
  /** Lower-case media type without parameters; '' when the server sent none. */
  readonly mediaType: string;
  readonly charset: string | undefined;
  readonly body: Uint8Array;
}

/** Why nothing usable came back. */
export interface FailedFetch {
  readonly kind: 'failed';
  readonly requestedUrl: string;
  readonly reason: Extract<SkipReason, 'fetch-failed' | 'too-large' | 'unsupported'>;
  readonly message: string;
  /** Network error, timeout or non-2xx status: the URL cannot be read at all. */
  readonly unreachable: boolean;
  readonly status: number | undefined;
}

export type FetchOutcome = FetchedResource | FailedFetch;

export interface HttpFetcherOptions {
  readonly fetch: typeof fetch;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Aborts every request of the crawl. */
  readonly signal: AbortSignal;
}

const acceptHeader =
  'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,application/xml;q=0.7,*/*;q=0.1';

/** Fetches URLs under the crawl's limits. */
export class HttpFetcher {
  constructor(private readonly options: HttpFetcherOptions) {}

  /**
   * GETs `url`; `accepts(mediaType)` decides from the headers whether to read the body.
   * Throws URL_NOT_ALLOWED when the guarded fetch refuses the URL or a redirect of it.
   */
  async get(url: string, accepts: (mediaType: string) => boolean): Promise<FetchOutcome> {
    this.options.signal.throwIfAborted();
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    this.options.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, this.options.timeoutMs);
    try {
      return await this.#get(url, accepts, controller.signal);
    } catch (error) {
      // A refused URL is a decision, not a network failure: the crawl reports it as such.
      if (this.options.signal.aborted || isUrlNotAllowed(error)) throw error;
      const message = controller.signal.aborted
        ? `timed out after ${this.options.timeoutMs} ms`
        : describeNetworkError(error);
      return failed(url, 'fetch-failed', message, true);
    } finally {
      clearTimeout(timer);
      this.options.signal.removeEventListener('abort', abort);
    }
  }

  async #get(
    url: string,
    accepts: (mediaType: string) => boolean,
    signal: AbortSignal,
  ): Promise<FetchOutcome> {
    const response = await this.options.fetch(url, {
      headers: { 'user-agent': this.options.userAgent, accept: acceptHeader },
      redirect: 'follow',
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const statusText = response.statusText === '' ? '' : ` ${response.statusText}`;
      return failed(
        url,
        'fetch-failed',
        `HTTP ${response.status}${statusText}`,
        true,
        response.status,
      );
    }
    const { mediaType, charset } = parseContentType(response.headers.get('content-type'));
    if (!accepts(mediaType)) {
      await response.body?.cancel().catch(() => undefined);
      return failed(url, 'unsupported', `content type ${mediaType} is not readable text`, false);
    }
    const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declaredLength > this.options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return failed(url, 'too-large', this.#tooLargeMessage(declaredLength), false);
    }
    const body = await readWithin(response, this.options.maxBytes);
    if (body === undefined) return failed(url, 'too-large', this.#tooLargeMessage(), false);
    return {
      kind: 'fetched',
      requestedUrl: url,
      finalUrl: response.url === '' ? url : response.url,
      status: response.status,
      mediaType,
      charset,
      body,
    };
  }

  #tooLargeMessage(declaredLength?: number): string {
    const declared = declaredLength === undefined ? '' : ` (Content-Length ${declaredLength})`;
    return `body larger than the ${this.options.maxBytes}-byte limit${declared}`;
  }
}

function failed(
  requestedUrl: string,
  reason: FailedFetch['reason'],
  message: string,
  unreachable: boolean,
  status?: number,
): FailedFetch {
  return { kind: 'failed', requestedUrl, reason, message, unreachable, status };
}

/** Reads the body, giving up (undefined) as soon as it passes `maxBytes`. */
async function readWithin(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, total);
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
};

/** fetch hides the real cause (ECONNREFUSED, ENOTFOUND...) one level down. */
function describeNetworkError(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return networkCodes[code] ?? `network error (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'network error';
}
