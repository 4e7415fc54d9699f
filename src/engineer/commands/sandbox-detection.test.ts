import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bubblewrapArguments } from './bubblewrap-arguments.js';
import { detectSandbox, findBubblewrap, forgetSandboxDetection } from './sandbox-detection.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'archon-fake-bwrap-'));
  // A stand-in that fails the way bwrap fails without user namespaces.
  await writeFile(
    join(directory, 'bwrap'),
    '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n',
  );
  await chmod(join(directory, 'bwrap'), 0o755);
});

afterAll(async () => {
  forgetSandboxDetection();
  await rm(directory, { recursive: true, force: true });
});

describe('detectSandbox', () => {
  it('says so when bwrap is not installed', async () => {
    expect(findBubblewrap('/nonexistent:relative/dir')).toBeUndefined();
    expect(await detectSandbox('/nonexistent')).toEqual({
      kind: 'none',
      executable: undefined,
      reason: 'bubblewrap (bwrap) is not installed',
    });
  });

  it('falls back to none, with bwrap’s own reason, when bwrap cannot start', async () => {
    const support = await detectSandbox(directory);
    expect(support.kind).toBe('none');
    expect(support.reason).toContain('No permissions to create new namespace');
    expect(await detectSandbox(directory)).toBe(support);
  });

  it('probes the real bwrap once when it is installed', async () => {
    const executable = findBubblewrap(undefined);
    if (executable === undefined) return;
    const first = detectSandbox(undefined);
    expect(detectSandbox(undefined)).toBe(first);
    expect((await first).reason).toContain(executable);
  });
});

describe('bubblewrapArguments', () => {
  it('isolates everything and binds only the workspace writable', () => {
    const args = bubblewrapArguments({
      workspace: '/w',
      workingDirectory: '/w/src',
      protectedPaths: ['/w/.git'],
      readOnlyPaths: ['/opt/tools/bin'],
      home: '/tmp/home',
    });
    const joined = args.join(' ');
    expect(args.slice(0, 5)).toEqual([
      '--die-with-parent',
      '--new-session',
      '--unshare-all',
      '--cap-drop',
      'ALL',
    ]);
    expect(joined).toContain('--ro-bind /usr /usr');
    expect(joined).toContain('--ro-bind /etc /etc');
    expect(joined).toContain('--ro-bind-try /opt/tools/bin /opt/tools/bin');
    expect(joined).toContain(
      '--tmpfs /tmp --dir /tmp/home --bind /w /w --ro-bind-try /w/.git /w/.git',
    );
    expect(args.slice(-3)).toEqual(['--chdir', '/w/src', '--']);
    expect(joined).not.toContain('--share-net');
    if (existsSync('/etc/shadow')) expect(joined).toContain('--ro-bind /dev/null /etc/shadow');
    if (existsSync('/etc/ssh')) expect(joined).toContain('--tmpfs /etc/ssh');
  });
});
