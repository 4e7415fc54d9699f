/**
 * Cancellation of one run. The caller's signal and the run's time budget both abort one
 * internal controller, whose signal goes to the model and to every tool. Waiting is
 * raced against it, so a model or tool that ignores its signal cannot hold a cancelled
 * run open.
 */

/** Why the run's signal fired. */
export type AbortCause = 'caller' | 'deadline';

/** Thrown by {@link raceWithAbort} when the signal fires first. */
export class RunAbortedError extends Error {
  override readonly name = 'RunAbortedError';
}

/** The abort wiring of one run; call `dispose` when the run ends. */
export class RunAbort {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = (): void => this.abort('caller');
  cause: AbortCause | undefined;

  constructor(private readonly callerSignal: AbortSignal | undefined) {
    if (callerSignal?.aborted) this.abort('caller');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts with cause `deadline` after `milliseconds` (real time), unless disposed first. */
  startDeadline(milliseconds: number): void {
    if (!Number.isFinite(milliseconds)) return;
    this.timer = setTimeout(() => this.abort('deadline'), Math.max(0, milliseconds));
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(cause: AbortCause): void {
    if (this.controller.signal.aborted) return;
    this.cause = cause;
    this.controller.abort(new RunAbortedError(`run aborted (${cause})`));
  }
}

/**
 * Resolves or rejects like `work`, unless `signal` fires first: then rejects with a
 * RunAbortedError. A later rejection of `work` is swallowed.
 */
export function raceWithAbort<Value>(work: Promise<Value>, signal: AbortSignal): Promise<Value> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new RunAbortedError('run aborted'));
  }
  return new Promise<Value>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(() => undefined);
      reject(new RunAbortedError('run aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
