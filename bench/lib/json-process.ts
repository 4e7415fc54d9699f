/**
 * Runs a helper program (for example a Python baseline) and reads its answer:
 * the program prints progress on stderr and one JSON document as the last
 * line of stdout.
 */
import { spawn } from 'node:child_process';

/** Options of {@link runJsonProcess}. */
export interface JsonProcessOptions {
  /** Kill the child after this many milliseconds (default: 30 minutes). */
  readonly timeoutMs?: number;
  /** Forward the child's stderr to ours as it arrives (default: true). */
  readonly forwardStderr?: boolean;
  readonly environment?: NodeJS.ProcessEnv;
}

/** Spawns `command args`, waits for exit code 0 and parses the last stdout line as JSON. */
export function runJsonProcess(
  command: string,
  args: readonly string[],
  options: JsonProcessOptions = {},
): Promise<unknown> {
  const { timeoutMs = 30 * 60_000, forwardStderr = true, environment = process.env } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
    let stdout = '';
    let stderrTail = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
      if (forwardStderr) process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(
            `${command} exited with ${signal ?? code}: ${stderrTail.trim().split('\n').pop() ?? ''}`,
          ),
        );
        return;
      }
      const lastLine = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(lastLine));
      } catch {
        reject(
          new Error(
            `${command} did not print JSON on its last stdout line: ${lastLine.slice(0, 200)}`,
          ),
        );
      }
    });
  });
}
