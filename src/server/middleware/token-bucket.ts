/**
 * Token buckets, one per principal: each holds up to `burst` tokens and refills at
 * `ratePerSecond`; a request takes one. The time comes from an injected clock, so
 * tests never wait. Full buckets are forgotten, which keeps the map as small as the
 * set of recently active callers.
 */

export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly clock: () => number;
}

/** What `take` decided; `retryAfterSeconds` says when one token will be back. */
export type TokenDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const sweepEvery = 1024;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takesSinceSweep = 0;

  constructor(private readonly options: TokenBucketOptions) {}

  /** Number of buckets held (callers seen recently, with tokens spent). */
  get size(): number {
    return this.buckets.size;
  }

  take(principal: string): TokenDecision {
    const now = this.options.clock();
    if (++this.takesSinceSweep >= sweepEvery) this.sweep(now);
    const bucket = this.buckets.get(principal) ?? { tokens: this.options.burst, updatedAt: now };
    this.refill(bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(principal, bucket);
      return { allowed: true };
    }
    this.buckets.set(principal, bucket);
    return { allowed: false, retryAfterSeconds: (1 - bucket.tokens) / this.options.ratePerSecond };
  }

  private refill(bucket: Bucket, now: number): void {
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(
      this.options.burst,
      bucket.tokens + elapsedSeconds * this.options.ratePerSecond,
    );
    bucket.updatedAt = now;
  }

  private sweep(now: number): void {
    this.takesSinceSweep = 0;
    for (const [principal, bucket] of this.buckets) {
      this.refill(bucket, now);
      if (bucket.tokens >= this.options.burst) this.buckets.delete(principal);
    }
  }
}
