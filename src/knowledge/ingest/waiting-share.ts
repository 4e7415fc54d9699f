/**
 * How much of its time the ingest's writing loop spends waiting for prepared documents,
 * over windows of a second. On two cores, with one worker thread, Markdown kept the loop
 * waiting 2-61% of each window after the first (mostly 15-40%) and HTML conversion
 * 56-97% (mostly 80% and more); a second thread paid only for HTML (for Markdown it cost
 * more CPU than it saved, bench/RESULTS.md). So a window with more than 70% waiting
 * asks for one. The first window is not judged: it holds start-up (local preparation,
 * threads loading their modules), which kept even Markdown waiting 55-67% of it.
 */

/** Share of a window above which the loop counts as mostly waiting. */
const mostlyWaitingShare = 0.7;
const windowMilliseconds = 1000;

/** Waiting time of the writing loop, judged one window at a time. */
export class WaitingShare {
  private windowStart: number;
  private waitedInWindow = 0;
  private firstWindow = true;

  /** `now` gives milliseconds; `performance.now` unless set (tests pass a clock). */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowStart = now();
  }

  /** Counts `milliseconds` spent waiting. */
  waited(milliseconds: number): void {
    this.waitedInWindow += milliseconds;
  }

  /**
   * Whether a window (not the first) has ended in which the loop waited more than 70% of
   * the time. Each call after a window's end judges that window and starts the next.
   */
  mostlyWaiting(): boolean {
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed < windowMilliseconds) return false;
    const share = this.waitedInWindow / elapsed;
    this.windowStart = now;
    this.waitedInWindow = 0;
    const judged = !this.firstWindow;
    this.firstWindow = false;
    return judged && share > mostlyWaitingShare;
  }
}
