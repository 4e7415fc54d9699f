/**
 * Runs one measurement of a benchmark in its own Node.js process, so its peak
 * RSS, heap and caches are its own. The worker is the same script started with
 * `--worker <name>`; it prints one JSON line last (see json-process.ts).
 */
import { runJsonProcess } from './json-process.js';

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Extra Node.js flags for the worker, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  readonly timeoutMs?: number;
}

/** Starts `script --worker name ...args` under the same loader flags as this process. */
export async function runWorker<Result>(
  script: string,
  name: string,
  args: readonly string[],
  options: WorkerOptions = {},
): Promise<Result> {
  const flags = [...process.execArgv, ...(options.nodeFlags ?? [])];
  const result = await runJsonProcess(
    process.execPath,
    [...flags, script, '--worker', name, ...args],
    { ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
  );
  return result as Result;
}

/** Prints a worker's answer as the last stdout line. */
export function printWorkerResult(result: unknown): void {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}
