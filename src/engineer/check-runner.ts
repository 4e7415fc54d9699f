/**
 * Runs the task's checks. The exit codes recorded here are the processes' own: the
 * report and the output validator trust nothing else.
 */
import { runCommand } from './commands/command-runner.js';
import type { CheckRecord, EngineerDependencies } from './engineer-dependencies.js';

const tailLines = 60;

/** Runs every check in order; a check that cannot start is recorded as failed with the reason. */
export async function runChecks(
  dependencies: Pick<EngineerDependencies, 'checks' | 'checkOptions' | 'records'>,
  trigger: CheckRecord['trigger'],
  abortSignal?: AbortSignal,
): Promise<CheckRecord[]> {
  const records: CheckRecord[] = [];
  for (const command of dependencies.checks) {
    let record: CheckRecord;
    try {
      const result = await runCommand(command, {
        ...dependencies.checkOptions,
        ...(abortSignal ? { abortSignal } : {}),
      });
      record = {
        command,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        durationMs: result.durationMs,
        outputTail: tail(`${result.stdout}\n${result.stderr}`),
        trigger,
      };
    } catch (error) {
      if (abortSignal?.aborted === true) throw error;
      const message = error instanceof Error ? error.message : String(error);
      record = {
        command,
        exitCode: null,
        timedOut: false,
        durationMs: 0,
        outputTail: message,
        trigger,
      };
    }
    records.push(record);
    dependencies.records.checks.push(record);
  }
  return records;
}

/** True when every record exited 0. */
export function checksPassed(records: readonly CheckRecord[]): boolean {
  return records.every((record) => record.exitCode === 0 && !record.timedOut);
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= tailLines
    ? lines.join('\n')
    : `[${lines.length - tailLines} earlier lines cut]\n${lines.slice(-tailLines).join('\n')}`;
}
