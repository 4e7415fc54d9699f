import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { WorkspaceGuard } from './workspace-guard.js';

let base: string;
let root: string;
let guard: WorkspaceGuard;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'archon-guard-')));
  root = join(base, 'workspace');
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, 'src', 'app.ts'), 'export const value = 1;\n');
  await writeFile(join(root, '.git', 'config'), '[core]\n');
  await writeFile(join(base, 'outside.txt'), 'outside\n');
  guard = await WorkspaceGuard.open(root, { readOnly: ['generated'] });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function codeOf(action: Promise<unknown>): Promise<string> {
  try {
    await action;
  } catch (error) {
    expect(ArchonError.isInstance(error)).toBe(true);
    return (error as ArchonError).code;
  }
  return 'resolved';
}

describe('WorkspaceGuard.open', () => {
  it('uses the real path of the root and the default plus extra read-only areas', async () => {
    await symlink(root, join(base, 'alias'));
    const aliased = await WorkspaceGuard.open(join(base, 'alias'));
    expect(aliased.root).toBe(root);
    expect(guard.readOnlyPaths).toEqual(['.git', '.archon', 'generated']);
  });

  it('refuses a missing root, a file as root, an empty root and a bad read-only entry', async () => {
    expect(await codeOf(WorkspaceGuard.open(join(base, 'missing')))).toBe(ErrorCode.PathNotFound);
    expect(await codeOf(WorkspaceGuard.open(join(base, 'outside.txt')))).toBe(
      ErrorCode.InvalidInput,
    );
    expect(await codeOf(WorkspaceGuard.open(''))).toBe(ErrorCode.InvalidInput);
    expect(await codeOf(WorkspaceGuard.open(root, { readOnly: ['../x'] }))).toBe(
      ErrorCode.InvalidInput,
    );
  });
});

describe('resolveForRead', () => {
  it('returns the real path of files and directories inside the root', async () => {
    expect(await guard.resolveForRead('src/app.ts')).toBe(join(root, 'src', 'app.ts'));
    expect(await guard.resolveForRead('./src//app.ts')).toBe(join(root, 'src', 'app.ts'));
    expect(await guard.resolveForRead('.')).toBe(root);
    expect(await guard.resolveForRead('.git/config')).toBe(join(root, '.git', 'config'));
  });

  it('follows symlinks that stay inside', async () => {
    await symlink('src/app.ts', join(root, 'inner-link'));
    expect(await guard.resolveForRead('inner-link')).toBe(join(root, 'src', 'app.ts'));
  });

  it('reports a missing file as PATH_NOT_FOUND and escapes as WORKSPACE_VIOLATION', async () => {
    expect(await codeOf(guard.resolveForRead('src/missing.ts'))).toBe(ErrorCode.PathNotFound);
    expect(await codeOf(guard.resolveForRead('../outside.txt'))).toBe(ErrorCode.WorkspaceViolation);
    expect(await codeOf(guard.resolveForRead('src/app.ts/x'))).toBe(ErrorCode.WorkspaceViolation);
  });

  it('refuses paths the system finds too long', async () => {
    const long = Array.from({ length: 21 }, () => 'd'.repeat(194)).join('/');
    expect(long.length).toBeLessThan(4096);
    expect(await guard.resolveForWrite(long)).toBe(join(root, long));
    expect(await codeOf(guard.writeFile(long, 'x'))).toBe(ErrorCode.InvalidInput);
  });

  it('refuses pipes', async () => {
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await codeOf(guard.resolveForRead('pipe'))).toBe(ErrorCode.WorkspaceViolation);
    expect(await codeOf(guard.resolveForWrite('pipe'))).toBe(ErrorCode.WorkspaceViolation);
  });
});

describe('resolveForWrite', () => {
  it('accepts new files below missing directories', async () => {
    expect(await guard.resolveForWrite('new/deep/file.ts')).toBe(
      join(root, 'new', 'deep', 'file.ts'),
    );
  });

  it('refuses read-only areas in any case, the root, trailing slashes and option-like names', async () => {
    for (const path of ['.git/config', '.GIT/hooks/x', 'Generated/a.ts', '.', 'src/', 'src/-rf']) {
      expect(await codeOf(guard.resolveForWrite(path)), path).toBe(ErrorCode.WorkspaceViolation);
    }
  });

  it('refuses a symlink inside the root that leads into .git', async () => {
    await symlink('.git', join(root, 'git-alias'));
    expect(await codeOf(guard.resolveForWrite('git-alias/config'))).toBe(
      ErrorCode.WorkspaceViolation,
    );
  });

  it('refuses files with several hard links', async () => {
    await writeFile(join(root, 'linked.txt'), 'x');
    await link(join(root, 'linked.txt'), join(root, 'linked-twice.txt'));
    expect(await codeOf(guard.resolveForWrite('linked.txt'))).toBe(ErrorCode.WorkspaceViolation);
  });
});

describe('readFile and writeFile', () => {
  it('writes a new file, creating parents, and overwrites it in place', async () => {
    const first = await guard.writeFile('lib/tests/util.ts', 'one two three');
    expect(first).toMatchObject({
      relativePath: 'lib/tests/util.ts',
      created: true,
      testFile: true,
      bytes: 13,
    });
    const second = await guard.writeFile('lib/tests/util.ts', new Uint8Array([0x6f, 0x6b]));
    expect(second.created).toBe(false);
    expect(await readFile(join(root, 'lib', 'tests', 'util.ts'), 'utf8')).toBe('ok');
    expect((await guard.readFile('lib/tests/util.ts')).toString()).toBe('ok');
  });

  it('refuses to read or write a directory as a file', async () => {
    expect(await codeOf(guard.readFile('src'))).toBe(ErrorCode.InvalidInput);
    expect(await codeOf(guard.writeFile('src', 'x'))).toBe(ErrorCode.InvalidInput);
  });

  it('refuses to write through a path whose parent is a file', async () => {
    expect(await codeOf(guard.writeFile('src/app.ts/child', 'x'))).toBe(
      ErrorCode.WorkspaceViolation,
    );
  });

  it('reports test files through the guard', () => {
    expect(guard.isTestFile('src/app.test.ts')).toBe(true);
    expect(guard.isTestFile('src/app.ts')).toBe(false);
    expect(guard.contains(join(root, 'src'))).toBe(true);
    expect(guard.contains(`${root}-secrets`)).toBe(false);
    expect(guard.isReadOnly('.Git/config')).toBe(true);
  });
});
