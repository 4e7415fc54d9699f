/**
 * The container's entry point as a plain process: the Dockerfile's ENTRYPOINT and
 * CMD (without tini) in a fresh data directory, probed by the image's own
 * HEALTHCHECK script, then stopped with SIGTERM as Kubernetes stops a pod. Runs once
 * the CLI has a `serve` command; until then it is skipped with that reason.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { commandWords, dockerfilePath, parseDockerfile, repositoryRoot } from './deploy-files.js';

function cliHasServe(): boolean {
  if (!existsSync(join(repositoryRoot, 'dist', 'cli', 'main.js'))) return false;
  try {
    const help = execFileSync(process.execPath, ['bin/archon.js', '--help'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    return /^\s+serve\b/m.test(help);
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** The image's command line: ENTRYPOINT after the init process, then CMD with our port. */
function imageCommand(port: number): string[] {
  const instructions = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
  const last = (keyword: string) =>
    commandWords(
      instructions.findLast((instruction) => instruction.keyword === keyword)?.arguments ?? '[]',
    );
  const entrypoint = last('ENTRYPOINT');
  const command = last('CMD');
  const portIndex = command.indexOf('--port');
  command[portIndex + 1] = String(port);
  return [...entrypoint.slice(entrypoint.indexOf('--') + 1), ...command];
}

function healthcheck(port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['deploy/healthcheck.js'],
      { cwd: repositoryRoot, env: { PATH: process.env.PATH, PORT: String(port) } },
      (error) => resolve(error === null ? 0 : 1),
    );
  });
}

describe('the image entry point (archon serve)', () => {
  it('is a command of the built CLI', () => {
    expect(cliHasServe()).toBe(true);
  });

  it('becomes healthy and ready, requires API keys, logs JSON, and exits 0 on SIGTERM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'archon-entrypoint-'));
    // Beyond loopback the server refuses to start without a key: the operator creates one first.
    execFileSync(process.execPath, ['bin/archon.js', 'keys', 'create', 'operator'], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH, ARCHON_HOME: home },
    });
    const port = await freePort();
    const [executable, ...args] = imageCommand(port);
    expect(executable).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: repositoryRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        ARCHON_HOME: home,
        ARCHON_EMBEDDING: 'hash',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      let healthy = false;
      for (let attempt = 0; attempt < 240 && !healthy && child.exitCode === null; attempt += 1) {
        healthy = (await healthcheck(port)) === 0;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(healthy, `server never became healthy; stderr: ${stderr}`).toBe(true);

      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
      // The image listens on 0.0.0.0, so every other route needs an API key.
      const sources = await fetch(`http://127.0.0.1:${port}/v1/sources`);
      expect(sources.status).toBe(401);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = stdout.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    }
  });
});
