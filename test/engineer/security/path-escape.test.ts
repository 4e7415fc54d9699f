/**
 * Adversarial suite for the workspace guard: well over a hundred ways to reach
 * outside the workspace or into its read-only areas, each tried for reading and
 * writing (writes really attempted), all refused with WORKSPACE_VIOLATION; then a
 * hash proves the sentinel directory outside the workspace is unchanged.
 */
import { readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../../src/core/errors.js';
import { writeWorkspaceFile } from '../../../src/engineer/workspace/workspace-file-access.js';
import { WorkspaceGuard } from '../../../src/engineer/workspace/workspace-guard.js';
import { createHostileWorkspace, hashTree, type HostileWorkspace } from './workspace-fixture.js';

let fixture: HostileWorkspace;
let guard: WorkspaceGuard;
let sentinelHash: string;

beforeAll(async () => {
  fixture = await createHostileWorkspace();
  guard = await WorkspaceGuard.open(fixture.root);
  sentinelHash = await hashTree(fixture.sentinel);
});

afterAll(async () => {
  await fixture.remove();
});

async function violation(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (ArchonError.isInstance(error) && error.code === ErrorCode.WorkspaceViolation)
      return error.message;
    throw error;
  }
  throw new Error('the path was accepted');
}

/** Escapes refused for reading and for writing. */
const escapes: readonly string[] = [
  // climbing with ..
  '..',
  '../',
  '../..',
  '../../..',
  '../sentinel/secret.txt',
  'src/../../sentinel/secret.txt',
  './../sentinel',
  'src/../..',
  'a/b/../../..',
  '.../sentinel',
  'src/..',
  'src/app.ts/../../..',
  '..//..',
  '../workspace/src/app.ts',
  // backslashes, drive letters, UNC, streams
  '..\\sentinel',
  '..\\..\\',
  'src\\..\\..\\x',
  'C:\\Windows\\System32',
  'C:/Windows',
  'c:foo',
  '\\\\server\\share\\x',
  'file.txt:stream',
  '.git::$DATA',
  'src/app.ts:Zone.Identifier',
  // absolute paths of every kind
  '/etc/passwd',
  '/',
  '//etc/passwd',
  '/proc/self/root/etc/passwd',
  '/proc/self/cwd',
  '/dev/null',
  '/tmp/x',
  'SENTINEL_ABSOLUTE',
  'ROOT_ABSOLUTE/src/app.ts',
  '//server/share/x',
  // home directories
  '~',
  '~/.ssh/id_rsa',
  '~root/.bashrc',
  '～/x',
  // NUL, control and invisible characters
  'src/app.ts\0.png',
  '\0',
  '../x\0',
  'src/\n../x',
  'src/\t',
  'src/\u202eexe.ts',
  'src/\u200bapp.ts',
  '.g\u200cit/config',
  'src/\u0007bell',
  'src/\u2028x',
  'src/\ufeffbom.ts',
  // empty and whitespace
  '',
  '   ',
  ' src/app.ts',
  'src/app.ts ',
  '\t',
  // trailing dots and spaces, Windows short names
  'src/app.ts.',
  '.git.',
  '.git /config',
  'GIT~1/config',
  'PROGRA~1',
  'src/...',
  '.GIT./config',
  // Unicode lookalikes that normalise to dots and slashes
  '．．/sentinel',
  '\uff0e\uff0e\uff0fsentinel',
  'src/．',
  '．．',
  '\u2024\u2024/sentinel',
  'src／..',
  '.git：x',
  // length
  'x'.repeat(5000),
  'a/'.repeat(2100),
  'y'.repeat(300),
  // symlinks out of the root
  'link-root',
  'link-root/etc/passwd',
  'link-root/tmp',
  'link-parent',
  'link-parent/sentinel/secret.txt',
  'link-sentinel',
  'link-sentinel/',
  'link-sentinel/secret.txt',
  'link-sentinel/new.txt',
  'link-sentinel/nested/deep.txt',
  'link-sentinel/nested/new-dir/new.txt',
  'link-sentinel-file',
  'chain-a',
  'chain-a/secret.txt',
  'chain-b/nested',
  'dangling',
  'dangling-in',
  'loop-a',
  'loop-a/x',
  'proc-link',
  'proc-link/etc/passwd',
  'src/up',
  'src/up/sentinel/secret.txt',
  'abs-link',
  'abs-link/nested/deep.txt',
  'link-dev-null',
  'src/up/workspace/../sentinel',
  // special files
  'fifo',
  'link-fifo',
];

/** Refused for writing only: reading .git and hard-linked files is allowed. */
const writeOnlyEscapes: readonly string[] = [
  '.git',
  '.git/config',
  '.git/hooks/pre-commit',
  '.GIT/hooks/x',
  '.Git/config',
  '.gIT/HEAD',
  './.git/config',
  '.git/./config',
  '.git//config',
  '.git/',
  '.archon/db',
  '.ARCHON/db.sqlite',
  'git-alias/config',
  'git-alias/hooks/post-checkout',
  '．ｇｉｔ/config',
  '.ＧＩＴ/config',
  'hardlink.txt',
  '-rf',
  'src/-x',
  '.',
  'src/',
  './',
];

describe('path escapes: refused for reading and writing', () => {
  const resolve = (path: string) =>
    path.replace('SENTINEL_ABSOLUTE', fixture.sentinel).replace('ROOT_ABSOLUTE', fixture.root);

  it('has at least a hundred distinct attempts', () => {
    expect(new Set([...escapes, ...writeOnlyEscapes]).size).toBeGreaterThanOrEqual(120);
  });

  it.each(escapes.map((path) => [JSON.stringify(path).slice(0, 60), path]))(
    '%s',
    async (_label, path) => {
      const attempt = resolve(path);
      await violation(() => guard.resolveForRead(attempt));
      await violation(() => guard.readFile(attempt));
      await violation(() => guard.resolveForWrite(attempt));
      await violation(() => guard.writeFile(attempt, 'pwned'));
    },
  );

  it.each(writeOnlyEscapes.map((path) => [JSON.stringify(path), path]))(
    'write %s',
    async (_label, path) => {
      await violation(() => guard.resolveForWrite(path));
      await violation(() => guard.writeFile(path, 'pwned'));
    },
  );
});

describe('encoded and lookalike names are taken literally and stay inside', () => {
  it.each([
    '%2e%2e',
    '%2E%2E/%2e%2e/sentinel/x',
    '..%2f..%2fsentinel',
    '..%c0%afx',
    '..∕sentinel',
    '‥x',
    'src/%00',
  ])('%s', async (path) => {
    const written = await guard.writeFile(path, 'literal');
    expect(written.path.startsWith(`${fixture.root}/`)).toBe(true);
    expect(written.relativePath).toBe(path);
    expect(await guard.resolveForRead(path)).toBe(written.path);
  });
});

describe('time-of-check to time-of-use', () => {
  it('refuses a write whose parent directory is swapped for a symlink after the check', async () => {
    await writeFile(join(fixture.root, 'src', 'swap-target.ts'), 'x');
    const racing = {
      resolveForRead: (path: string) => guard.resolveForRead(path),
      resolveForWrite: async (path: string) => {
        const real = await guard.resolveForWrite(path);
        await rename(join(fixture.root, 'swapdir'), join(fixture.root, 'swapdir-moved'));
        await symlink(fixture.sentinel, join(fixture.root, 'swapdir'));
        return real;
      },
      contains: (path: string) => guard.contains(path),
      isReadOnly: (path: string) => guard.isReadOnly(path),
      relativePath: (path: string) => guard.relativePath(path),
    };
    await guard.writeFile('swapdir/secret.txt', 'inside');
    expect(
      await violation(() => writeWorkspaceFile(racing, 'swapdir/secret.txt', 'pwned')),
    ).toContain('changed during the check');
    await rm(join(fixture.root, 'swapdir'));
    await rename(join(fixture.root, 'swapdir-moved'), join(fixture.root, 'swapdir'));
  });

  it('refuses a write whose target became a symlink after the check, and removes nothing outside', async () => {
    const racing = {
      resolveForRead: (path: string) => guard.resolveForRead(path),
      resolveForWrite: async (path: string) => {
        const real = await guard.resolveForWrite(path);
        await symlink(join(fixture.sentinel, 'secret.txt'), real);
        return real;
      },
      contains: (path: string) => guard.contains(path),
      isReadOnly: (path: string) => guard.isReadOnly(path),
      relativePath: (path: string) => guard.relativePath(path),
    };
    expect(
      await violation(() => writeWorkspaceFile(racing, 'src/late-link.ts', 'pwned')),
    ).toContain('symbolic link appeared');
  });

  it('removes a file it created when the directory was swapped for one outside', async () => {
    const racing = {
      resolveForRead: (path: string) => guard.resolveForRead(path),
      resolveForWrite: async (path: string) => {
        const real = await guard.resolveForWrite(path);
        await rename(join(fixture.root, 'fresh'), join(fixture.root, 'fresh-moved'));
        await symlink(join(fixture.sentinel, 'nested'), join(fixture.root, 'fresh'));
        return real;
      },
      contains: (path: string) => guard.contains(path),
      isReadOnly: (path: string) => guard.isReadOnly(path),
      relativePath: (path: string) => guard.relativePath(path),
    };
    await guard.writeFile('fresh/keep.txt', 'inside');
    await violation(() => writeWorkspaceFile(racing, 'fresh/brand-new.txt', 'pwned'));
    expect(await readdir(join(fixture.sentinel, 'nested'))).toEqual(['deep.txt']);
  });
});

describe('after the suite', () => {
  it('left the sentinel directory outside the workspace unchanged', async () => {
    expect(await hashTree(fixture.sentinel)).toBe(sentinelHash);
  });
});
