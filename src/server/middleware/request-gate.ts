/**
 * Counts the requests in progress and turns new ones away once shutdown begins, so
 * a graceful stop can wait for exactly the requests it accepted: new ones get 503
 * with `Connection: close`, the ones already inside run to the end.
 */
import type { MiddlewareHandler } from 'hono';

import { ArchonError, ErrorCode } from '../../core/errors.js';

/** Admission control for graceful shutdown. */
export class RequestGate {
  private active = 0;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  /** Requests inside the app right now (a streaming response counts until its handler returns). */
  get inFlight(): number {
    return this.active;
  }

  get draining(): boolean {
    return this.closing;
  }

  /** From now on, new requests get 503. */
  beginDraining(): void {
    this.closing = true;
  }

  /** Resolves when no request is in progress. */
  whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  readonly middleware: MiddlewareHandler = async (_context, next) => {
    if (this.closing) {
      throw new ArchonError(ErrorCode.Unavailable, 'the server is shutting down; retry elsewhere');
    }
    this.active += 1;
    try {
      await next();
    } finally {
      this.active -= 1;
      if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  };
}
