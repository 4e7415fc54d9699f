/**
 * Keeps a few file loads in flight while results are still handed out in walk order:
 * reading the next files overlaps with the caller's work on the current one, which is
 * what keeps many small files from being bound by one-at-a-time I/O latency.
 */

/**
 * Maps `source` through `map` with up to `window` calls pending, yielding results in
 * source order. `map` should not reject; if it does, the rejection surfaces in order.
 */
export async function* mapAhead<Item, Result>(
  source: AsyncIterable<Item>,
  map: (item: Item) => Promise<Result>,
  window: number,
): AsyncGenerator<Result> {
  const pending: Promise<Result>[] = [];
  for await (const item of source) {
    const promise = map(item);
    // Observed now so an early rejection is not reported as unhandled; awaited in order below.
    promise.catch(() => undefined);
    pending.push(promise);
    if (pending.length >= window) yield await (pending.shift() as Promise<Result>);
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<Result>);
}
