/**
 * CPU time per thread of this process, read from Linux's /proc/self/task, so an ingest
 * can be split into the calling (writing) thread and everything else: preparation
 * workers, V8's platform threads (optimizing compiler and GC), the libuv pool. Threads
 * that end during the measurement are caught by sampling while it runs; their last
 * sample counts.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds of the calling thread and of all other threads. */
export interface ThreadCpu {
  readonly callingThread: number;
  readonly otherThreads: number;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** User + system CPU seconds from one /proc/<pid>/task/<tid>/stat line. */
export function cpuSecondsOfStat(stat: string): number {
  // The command name (field 2) may hold spaces and parentheses: fields restart after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Samples every thread's CPU until stopped; null from `stop` where /proc is missing. */
export class ThreadCpuSampler {
  private readonly started = new Map<string, number>();
  private readonly latest = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMilliseconds = 100) {
    this.sample(this.started);
    this.timer = setInterval(() => this.sample(this.latest), intervalMilliseconds);
    this.timer.unref();
  }

  /** Stops sampling and returns the CPU used since construction, by thread group. */
  stop(): ThreadCpu | null {
    clearInterval(this.timer);
    this.sample(this.latest);
    if (this.latest.size === 0) return null;
    const calling = String(process.pid);
    let callingThread = 0;
    let otherThreads = 0;
    for (const [thread, seconds] of this.latest) {
      const used = seconds - (this.started.get(thread) ?? 0);
      if (thread === calling) callingThread += used;
      else otherThreads += used;
    }
    return { callingThread, otherThreads };
  }

  private sample(into: Map<string, number>): void {
    let threads: string[];
    try {
      threads = readdirSync('/proc/self/task');
    } catch {
      return;
    }
    for (const thread of threads) {
      try {
        into.set(thread, cpuSecondsOfStat(readFileSync(`/proc/self/task/${thread}/stat`, 'utf8')));
      } catch {
        // The thread ended between the listing and the read; its last sample stands.
      }
    }
  }
}
