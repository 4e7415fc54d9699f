/**
 * The Hono environment of the HTTP server: what each middleware leaves on the
 * context for the next one (request ID, a logger carrying it, the caller) and the
 * Node bindings the adapter passes (absent under `app.request()` in tests).
 */
import type { HttpBindings } from '@hono/node-server';

import type { Logger } from '../observability/logger.js';

/** Who made a request: an API key, or anyone when the server needs no key. */
export interface Principal {
  /** `key:<id>` for an API key, `anonymous` otherwise; rate limits count per principal. */
  readonly id: string;
  readonly keyName: string | null;
}

export interface ServerVariables {
  requestId: string;
  logger: Logger;
  principal: Principal;
  /** Set by `POST /v1/runs` once the run's job exists, for the idempotency record. */
  acceptedRunId: string;
  /** Set by the idempotency middleware when the request carries a key. */
  idempotency: { readonly key: string; readonly fingerprint: string };
}

export interface ServerEnvironment {
  Variables: ServerVariables;
  Bindings: Partial<HttpBindings>;
}

/** The principal of requests to a server that needs no key. */
export const anonymousPrincipal: Principal = { id: 'anonymous', keyName: null };
