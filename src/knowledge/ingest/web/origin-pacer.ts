/**
 * Politeness per origin: at most `concurrency` requests in flight, and when robots.txt
 * asks for a Crawl-delay, one request at a time with that pause between starts.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import pLimit, { type LimitFunction } from 'p-limit';

interface OriginLane {
  readonly limit: LimitFunction;
  delayMs: number;
  nextStart: number;
}

/** Runs requests through one lane per origin. */
export class OriginPacer {
  readonly #lanes = new Map<string, OriginLane>();

  constructor(
    private readonly concurrency: number,
    private readonly signal: AbortSignal,
  ) {}

  /** Runs `task` when the origin's lane allows it. */
  run<T>(url: string, crawlDelayMs: number, task: () => Promise<T>): Promise<T> {
    const lane = this.#lane(new URL(url).origin, crawlDelayMs);
    return lane.limit(async () => {
      const wait = lane.nextStart - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal: this.signal });
      lane.nextStart = Date.now() + lane.delayMs;
      return task();
    });
  }

  #lane(origin: string, crawlDelayMs: number): OriginLane {
    let lane = this.#lanes.get(origin);
    if (lane === undefined) {
      lane = { limit: pLimit(this.concurrency), delayMs: 0, nextStart: 0 };
      this.#lanes.set(origin, lane);
    }
    if (crawlDelayMs > lane.delayMs) {
      lane.delayMs = crawlDelayMs;
      lane.limit.concurrency = 1;
    }
    return lane;
  }
}
