/**
 * A one-reader queue between concurrent crawl tasks and the async iterator the caller
 * consumes: tasks push as they finish, the reader waits when there is nothing yet.
 */
export class ResultChannel<T> {
  #items: T[] = [];
  #head = 0;
  #closed = false;
  #failure: { readonly error: unknown } | undefined;
  #wake: (() => void) | undefined;

  /** Queues an item; ignored once the channel is closed or failed. */
  push(item: T): void {
    if (this.#closed || this.#failure !== undefined) return;
    this.#items.push(item);
    this.#notify();
  }

  /** No more items: the reader finishes after the queued ones. */
  close(): void {
    this.#closed = true;
    this.#notify();
  }

  /** The reader throws `error` at its next step. */
  fail(error: unknown): void {
    if (this.#failure === undefined && !this.#closed) this.#failure = { error };
    this.#notify();
  }

  /** Items in push order until closed; throws the failure, if any. */
  async *drain(): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure.error;
      if (this.#head < this.#items.length) {
        const item = this.#items[this.#head] as T;
        this.#head += 1;
        if (this.#head === this.#items.length) {
          this.#items = [];
          this.#head = 0;
        }
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
