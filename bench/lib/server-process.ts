/**
 * A benchmark server in a child process: started from `bench/lib/http-search-server.ts`,
 * ready once it prints `listening <url>`, with readings of its own CPU time and
 * resident memory from /proc (Linux), so a row can say what the server alone cost. The
 * child loads TypeScript through tsx itself, so it starts the same under a test runner.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const serverScript = resolve(import.meta.dirname, 'http-search-server.ts');
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** A running benchmark server. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** User + system CPU seconds the server has used so far. */
  cpuSeconds(): number;
  /** Resident memory now, in bytes. */
  rssBytes(): number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts a server (`archon` or `bare`) and resolves once it listens. */
export async function startServerProcess(
  mode: 'archon' | 'bare',
  options: {
    environment?: Record<string, string>;
    args?: readonly string[];
    nodeArgs?: readonly string[];
  } = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(options.nodeArgs ?? []),
      serverScript,
      '--mode',
      mode,
      ...(options.args ?? []),
    ],
    // Access logs go to /dev/null: the server still formats and writes every line.
    { env: { ...process.env, ...options.environment }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = await waitForUrl(child);
  const pid = child.pid!;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    pid,
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    },
    rssBytes: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(match?.[1] ?? 0) * 1024;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(output);
      if (match) {
        child.stderr!.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stderr!.on('data', (more: Buffer) => process.stderr.write(more));
        resolveUrl(match[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`bench server exited with ${code} before listening:\n${output}`)),
    );
  });
}
