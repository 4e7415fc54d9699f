/**
 * Process memory readings for benchmarks. Native libraries (usearch, SQLite)
 * allocate outside the V8 heap, so the resident set size (RSS) is the number
 * that matters; the heap figures help tell JavaScript garbage from real use.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One reading, in bytes. */
export interface MemoryReading {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
}

/**
 * Reads memory now. With `collectGarbage` (the default) a full garbage
 * collection runs first so that freed JavaScript objects do not count.
 */
export function measureMemory(collectGarbage = true): MemoryReading {
  if (collectGarbage) forceGarbageCollection();
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
  };
}

/** Largest RSS this process has had so far (the kernel's high-water mark). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

let collector: (() => void) | undefined;

/**
 * Runs a full garbage collection even without `--expose-gc` on the command
 * line, by enabling the flag at run time and fetching `gc` from a fresh context.
 */
export function forceGarbageCollection(): void {
  if (collector === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing !== undefined) {
      collector = existing;
    } else {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    }
  }
  collector();
  collector();
}

/** Bytes as MiB with one decimal, e.g. `512.3 MiB`. */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}
