/**
 * Collects a stream's output under a byte cap, keeping the head and the tail: the
 * start of a test run says what ran and the end says what failed. Memory stays
 * bounded by the cap however much a command prints.
 */

/** Bounded head-and-tail buffer for one output stream. */
export class OutputCollector {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  /** @param maximumBytes the most bytes kept; half for the head, half for the tail. */
  constructor(maximumBytes: number) {
    this.headLimit = Math.ceil(maximumBytes / 2);
    this.tailLimit = Math.floor(maximumBytes / 2);
  }

  /** Adds a chunk as it arrives. */
  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const taken = rest.subarray(0, this.headLimit - this.headBytes);
      this.head.push(taken);
      this.headBytes += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (
      this.tail.length > 1 &&
      this.tailBytes - (this.tail[0] as Buffer).length >= this.tailLimit
    ) {
      this.tailBytes -= (this.tail.shift() as Buffer).length;
    }
  }

  /** True when bytes were dropped. */
  get truncated(): boolean {
    return this.total > this.headBytes + Math.min(this.tailBytes, this.tailLimit);
  }

  /** The kept text, with a note where bytes were left out. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tailBuffer = Buffer.concat(this.tail);
    const tail = tailBuffer.subarray(Math.max(0, tailBuffer.length - this.tailLimit));
    const omitted = this.total - this.headBytes - tail.length;
    if (omitted <= 0) return head + tail.toString('utf8');
    return `${head}\n[… ${omitted} bytes of output omitted …]\n${tail.toString('utf8')}`;
  }
}
