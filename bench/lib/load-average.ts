/**
 * The system load average, recorded with benchmark results: on a shared
 * 2-core machine other processes can take half the CPU, and a reader must be
 * able to tell a slow result from a busy machine.
 */
import { loadavg } from 'node:os';

/** `1.23 / 0.98 / 0.75` (1, 5 and 15 minutes). */
export function formatLoadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}
