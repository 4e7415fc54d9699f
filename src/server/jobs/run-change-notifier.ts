/**
 * Wakes whoever waits on a run when it changes in this process: the run store the
 * jobs write through is wrapped so that recording a run, appending its events or
 * updating it signals the run's waiters. The event stream then sends new events at
 * once instead of polling; it still polls slowly for runs written by another process.
 */
import type { RunStore } from '../../core/run-store.js';

export class RunChangeNotifier {
  private readonly subscribers = new Map<string, Set<RunSubscription>>();
  private readonly createdListeners = new Map<string, () => void>();

  /** `store` with every write to a run signalling that run's waiters. */
  wrap(store: RunStore): RunStore {
    const after = <T>(runId: string, result: Promise<T>): Promise<T> =>
      result.then((value) => {
        this.notify(runId);
        return value;
      });
    return {
      createRun: (run) =>
        after(run.id, store.createRun(run)).then((record) => {
          this.createdListeners.get(run.id)?.();
          return record;
        }),
      updateRun: (id, update) => after(id, store.updateRun(id, update)),
      getRun: (id) => store.getRun(id),
      listRuns: (options) => store.listRuns(options),
      appendRunEvents: (runId, events) => after(runId, store.appendRunEvents(runId, events)),
      listRunEvents: (runId, afterSequence) => store.listRunEvents(runId, afterSequence),
      saveTranscript: (runId, transcript) => store.saveTranscript(runId, transcript),
      getTranscript: (runId) => store.getTranscript(runId),
    };
  }

  /** Wakes the subscribers of `runId`. */
  notify(runId: string): void {
    for (const subscription of this.subscribers.get(runId) ?? []) subscription.signal();
  }

  /** Calls `listener` once when the run with this id is recorded; returns a remover. */
  onRecorded(runId: string, listener: () => void): () => void {
    const once = (): void => {
      this.createdListeners.delete(runId);
      listener();
    };
    this.createdListeners.set(runId, once);
    return () => {
      if (this.createdListeners.get(runId) === once) this.createdListeners.delete(runId);
    };
  }

  /**
   * Follows the changes of `runId` from now on: a change between two waits is not
   * lost, the next `wait` returns at once. Call `close()` when done.
   */
  subscribe(runId: string): RunSubscription {
    let set = this.subscribers.get(runId);
    if (set === undefined) {
      set = new Set();
      this.subscribers.set(runId, set);
    }
    const subscribers = set;
    const subscription = new RunSubscription(() => {
      subscribers.delete(subscription);
      if (subscribers.size === 0 && this.subscribers.get(runId) === subscribers) {
        this.subscribers.delete(runId);
      }
    });
    subscribers.add(subscription);
    return subscription;
  }

  /** Runs with a subscriber (for tests and leak checks). */
  get watchedRuns(): number {
    return this.subscribers.size;
  }
}

/** One follower of a run's changes. */
export class RunSubscription {
  private changed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly remove: () => void) {}

  /** Records a change and wakes a pending `wait`. */
  signal(): void {
    this.changed = true;
    this.wake?.();
  }

  /** Resolves at the next change (at once if one happened since the last wait), after `timeoutMs`, or on abort. */
  wait(timeoutMs: number, abort?: AbortSignal): Promise<void> {
    if (this.changed || abort?.aborted === true) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        abort?.removeEventListener('abort', done);
        this.wake = null;
        this.changed = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      abort?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  close(): void {
    this.wake?.();
    this.remove();
  }
}
