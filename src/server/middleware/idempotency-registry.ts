/**
 * Which Idempotency-Keys each principal has used, for `POST /v1/runs`. A key is
 * reserved while its request is in flight and, once the run is accepted, bound to
 * the fingerprint of the body and the run it created. The registry keeps no
 * response: the accepted-run response is a pure function of the run's job, which
 * is durable, so after a restart the registry is rebuilt from the jobs table and a
 * replay is byte-for-byte the first answer. Entries expire after a day.
 */

/** What a key means right now for one principal. */
export type IdempotencyState =
  | { readonly kind: 'unused' }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'completed'; readonly fingerprint: string; readonly runId: string };

interface Entry {
  readonly state: IdempotencyState;
  readonly at: number;
}

export interface IdempotencyRegistryOptions {
  readonly clock: () => number;
  /** How long a completed key is remembered. Default one day. */
  readonly ttlMs?: number;
  /** Most keys kept; the oldest go first. Default 100,000. */
  readonly maxEntries?: number;
}

export class IdempotencyRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: IdempotencyRegistryOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  get size(): number {
    return this.entries.size;
  }

  state(principal: string, key: string): IdempotencyState {
    const id = entryId(principal, key);
    const entry = this.entries.get(id);
    if (entry === undefined) return { kind: 'unused' };
    if (entry.state.kind === 'completed' && this.options.clock() - entry.at > this.ttlMs) {
      this.entries.delete(id);
      return { kind: 'unused' };
    }
    return entry.state;
  }

  /** Marks an unused key as in flight; false when it is not unused. */
  reserve(principal: string, key: string): boolean {
    if (this.state(principal, key).kind !== 'unused') return false;
    this.put(entryId(principal, key), { kind: 'in-flight' }, this.options.clock());
    return true;
  }

  /** Frees a reserved key whose request failed, so the client may retry with it. */
  release(principal: string, key: string): void {
    const id = entryId(principal, key);
    if (this.entries.get(id)?.state.kind === 'in-flight') this.entries.delete(id);
  }

  /** Binds a key to the body it came with and the run that body created. */
  complete(principal: string, key: string, fingerprint: string, runId: string, at?: number): void {
    this.put(
      entryId(principal, key),
      { kind: 'completed', fingerprint, runId },
      at ?? this.options.clock(),
    );
  }

  private put(id: string, state: IdempotencyState, at: number): void {
    this.entries.delete(id);
    this.entries.set(id, { state, at });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function entryId(principal: string, key: string): string {
  return JSON.stringify([principal, key]);
}
