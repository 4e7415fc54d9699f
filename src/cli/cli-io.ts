/**
 * The outside world of one CLI invocation: output streams, environment, terminal.
 * Tests pass their own to run commands in-process.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly interactive: boolean;
  readonly readStdin?: () => Promise<string>;
}

/** The real process's I/O. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    environment: process.env,
    interactive: process.stderr.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
