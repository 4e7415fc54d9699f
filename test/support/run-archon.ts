/**
 * Runs the `archon` CLI in-process with captured output, as a user would call it,
 * against a temporary ARCHON_HOME.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from '../../src/cli/main.js';

export interface ArchonRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = unknown>(): T;
}

export interface ArchonRunner {
  readonly home: string;
  run(
    args: readonly string[],
    environment?: Record<string, string>,
    stdin?: string,
  ): Promise<ArchonRun>;
}

/** A runner bound to a fresh data directory; the engineering pack is off unless asked for. */
export function createArchonRunner(
  options: { withPack?: boolean; fetch?: typeof fetch } = {},
): ArchonRunner {
  const home = mkdtempSync(join(tmpdir(), 'archon-cli-'));
  if (options.withPack !== true)
    writeFileSync(join(home, 'config.json'), JSON.stringify({ knowledgePack: false }));
  return {
    home,
    async run(args, environment = {}, stdin) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(
        args,
        {
          stdout: (text) => {
            stdout += text;
          },
          stderr: (text) => {
            stderr += text;
          },
          environment: { ARCHON_HOME: home, ...environment },
          interactive: false,
          ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
        },
        options.fetch ? { fetch: options.fetch } : {},
      );
      return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
    },
  };
}
