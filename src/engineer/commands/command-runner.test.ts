import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { WorkspaceGuard } from '../workspace/workspace-guard.js';
import { defaultCommandPolicy, extendPolicy } from './command-policy.js';
import { runCommand } from './command-runner.js';
import { detectSandbox } from './sandbox-detection.js';

let root: string;
let guard: WorkspaceGuard;
let bubblewrapWorks = false;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'archon-runner-')));
  await mkdir(join(root, 'src'));
  await mkdir(join(root, '.git'));
  await writeFile(join(root, 'src', 'a.txt'), 'alpha\n');
  guard = await WorkspaceGuard.open(root);
  bubblewrapWorks = (await detectSandbox(process.env.PATH)).kind === 'bubblewrap';
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function failure(action: Promise<unknown>): Promise<ArchonError> {
  try {
    await action;
  } catch (error) {
    if (ArchonError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Host processes whose command line holds `marker` (works across PID namespaces). */
async function processesWith(marker: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(marker)) count += 1;
  }
  return count;
}

async function eventuallyNone(marker: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await processesWith(marker)) === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return processesWith(marker);
}

describe.each(['none', 'auto'] as const)('runCommand with sandbox %s', (sandbox) => {
  it('runs in the workspace root and reports exit code and output', async () => {
    const result = await runCommand('cat src/a.txt && pwd && ls missing', {
      workspace: guard,
      sandbox,
    });
    expect(result.stdout).toBe(`alpha\n${root}\n`);
    expect(result.stderr).toContain('missing');
    expect(result.exitCode).not.toBe(0);
    expect(result).toMatchObject({ signal: null, timedOut: false, truncated: false });
    expect(result.sandbox).toBe(sandbox === 'none' || !bubblewrapWorks ? 'none' : 'bubblewrap');
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('gives the command an environment without secrets and a private home', async () => {
    const fakes: Record<string, string> = {
      OPENAI_API_KEY: 'sk-fake-openai-0123456789',
      ARCHON_ANTHROPIC_API_KEY: 'fake-anthropic-key',
      AWS_ACCESS_KEY_ID: 'AKIAFAKE',
      GITHUB_TOKEN: 'ghp_fake',
      DATABASE_URL: 'postgres://user:hunter2@db/app',
      LANG: 'C.UTF-8',
    };
    const saved = Object.fromEntries(Object.keys(fakes).map((name) => [name, process.env[name]]));
    Object.assign(process.env, fakes);
    try {
      const result = await runCommand('env', {
        workspace: root,
        sandbox,
        environment: { MY_SETTING: 'on', MY_SERVICE_TOKEN: 'leak' },
      });
      for (const secret of [
        'sk-fake-openai',
        'fake-anthropic-key',
        'AKIAFAKE',
        'ghp_fake',
        'hunter2',
        'leak',
      ]) {
        expect(result.stdout).not.toContain(secret);
      }
      expect(result.stdout).toContain('MY_SETTING=on');
      expect(result.stdout).toContain('LANG=C.UTF-8');
      expect(result.stdout).not.toContain(`HOME=${homedir()}\n`);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const marker = sandbox === 'none' ? '31337' : '31338';
    await writeFile(
      join(root, 'spawner.js'),
      `require('node:child_process').spawn('sleep', ['${marker}'], { stdio: 'ignore' });\nsetInterval(() => {}, 1000);\n`,
    );
    const result = await runCommand('node spawner.js', {
      workspace: guard,
      sandbox,
      timeoutMs: 1500,
      killGraceMs: 200,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode === null || result.exitCode !== 0).toBe(true);
    expect(await eventuallyNone(`sleep\0${marker}`)).toBe(0);
  });

  it('kills background processes left behind when the command exits', async () => {
    const marker = sandbox === 'none' ? '41337' : '41338';
    const result = await runCommand(`sleep ${marker} & echo started`, {
      workspace: guard,
      sandbox,
    });
    expect(result.stdout).toBe('started\n');
    expect(await eventuallyNone(`sleep\0${marker}`)).toBe(0);
  });

  it('caps output, keeping head and tail with a note', async () => {
    const result = await runCommand('seq 1 200000', {
      workspace: guard,
      sandbox,
      maxOutputBytes: 1000,
    });
    expect(result.truncated).toBe(true);
    expect(result.stdout.startsWith('1\n2\n3\n')).toBe(true);
    expect(result.stdout.endsWith('199999\n200000\n')).toBe(true);
    expect(result.stdout).toMatch(/\[… \d+ bytes of output omitted …\]/u);
    expect(result.stdout.length).toBeLessThan(1200);
  });

  it('stops and rejects with CANCELLED when aborted', async () => {
    const controller = new AbortController();
    const marker = sandbox === 'none' ? '51337' : '51338';
    const running = runCommand(`sleep ${marker}`, {
      workspace: guard,
      sandbox,
      abortSignal: controller.signal,
    });
    for (
      let attempt = 0;
      attempt < 200 && (await processesWith(`sleep\0${marker}`)) === 0;
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    controller.abort();
    expect((await failure(running)).code).toBe(ErrorCode.Cancelled);
    expect(await eventuallyNone(`sleep\0${marker}`)).toBe(0);
  });
});

describe('runCommand refusals', () => {
  it('refuses a denied command before anything runs', async () => {
    const error = await failure(
      runCommand('touch src/marker && rm -rf src', { workspace: guard, sandbox: 'none' }),
    );
    expect(error.code).toBe(ErrorCode.CommandDenied);
    expect(error.message).toContain('recursive deletes');
    await expect(readFile(join(root, 'src', 'marker'))).rejects.toThrow();
  });

  it('refuses an already aborted signal without running', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      runCommand('touch src/marker2', { workspace: guard, abortSignal: controller.signal }),
    );
    expect(error.code).toBe(ErrorCode.Cancelled);
    await expect(readFile(join(root, 'src', 'marker2'))).rejects.toThrow();
  });

  it('checks its options', async () => {
    for (const options of [
      { timeoutMs: 0 },
      { timeoutMs: 1.5 },
      { maxOutputBytes: 10 },
      { killGraceMs: -1 },
      { sandbox: 'docker' },
    ]) {
      const error = await failure(runCommand('ls', { workspace: guard, ...(options as object) }));
      expect(error.code).toBe(ErrorCode.InvalidInput);
    }
  });

  it('runs in a subdirectory, refusing one outside', async () => {
    const result = await runCommand('pwd', { workspace: guard, cwd: 'src', sandbox: 'none' });
    expect(result.stdout).toBe(`${join(root, 'src')}\n`);
    expect((await failure(runCommand('pwd', { workspace: guard, cwd: '..' }))).code).toBe(
      ErrorCode.WorkspaceViolation,
    );
  });

  it('uses the given policy and parent environment', async () => {
    const policy = extendPolicy(defaultCommandPolicy, {
      deny: [{ command: 'ls', reason: 'no listing today' }],
    });
    expect((await failure(runCommand('ls', { workspace: guard, policy }))).message).toContain(
      'no listing today',
    );
    const result = await runCommand('printenv LANG', {
      workspace: guard,
      sandbox: 'none',
      parentEnvironment: { PATH: process.env.PATH, LANG: 'xx_YY' },
    });
    expect(result.stdout).toBe('xx_YY\n');
  });
});

describe.runIf(process.platform === 'linux')('the bubblewrap sandbox', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is required on request, or says why it is unusable', async () => {
    if (bubblewrapWorks) {
      expect((await runCommand('true', { workspace: guard, sandbox: 'bubblewrap' })).sandbox).toBe(
        'bubblewrap',
      );
    } else {
      expect(
        (await failure(runCommand('true', { workspace: guard, sandbox: 'bubblewrap' }))).code,
      ).toBe(ErrorCode.InvalidConfig);
    }
  });

  it.runIf(process.env.PATH?.includes('/usr/bin') === true)(
    'has no network, a read-only .git and nothing writable outside',
    async () => {
      if (!bubblewrapWorks) return;
      await writeFile(
        join(root, 'probe.js'),
        [
          "const fs = require('node:fs');",
          "const net = require('node:net');",
          'const attempt = (action) => { try { action(); return "written"; } catch (error) { return error.code; } };',
          `const outside = attempt(() => fs.writeFileSync(${JSON.stringify(join(tmpdir(), 'archon-sandbox-escape.txt'))}, 'x'));`,
          "const git = attempt(() => fs.writeFileSync('.git/probe', 'x'));",
          "const inside = attempt(() => fs.writeFileSync('src/probe.txt', 'x'));",
          `const socket = net.connect(${port}, '127.0.0.1');`,
          "socket.on('data', () => { console.log(JSON.stringify({ outside, git, inside, network: 'connected' })); process.exit(0); });",
          "socket.on('error', (error) => { console.log(JSON.stringify({ outside, git, inside, network: error.code })); });",
        ].join('\n'),
      );
      const sandboxed = JSON.parse(
        (await runCommand('node probe.js', { workspace: guard, sandbox: 'bubblewrap' })).stdout,
      ) as Record<string, string>;
      expect(sandboxed).toEqual({
        outside: 'written',
        git: 'EROFS',
        inside: 'written',
        network: 'ECONNREFUSED',
      });
      await expect(readFile(join(tmpdir(), 'archon-sandbox-escape.txt'))).rejects.toThrow();
      const unconfined = JSON.parse(
        (await runCommand('node probe.js', { workspace: guard, sandbox: 'none' })).stdout,
      ) as Record<string, string>;
      expect(unconfined.network).toBe('connected');
      await rm(join(tmpdir(), 'archon-sandbox-escape.txt'), { force: true });
      await rm(join(root, '.git', 'probe'), { force: true });
    },
  );
});
