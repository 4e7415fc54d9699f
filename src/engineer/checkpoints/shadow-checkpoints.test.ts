import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { ShadowCheckpoints } from './shadow-checkpoints.js';

let root: string;
let workspace: string;
let storeDirectory: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archon-checkpoints-'));
  workspace = join(root, 'workspace');
  storeDirectory = join(root, 'home', 'checkpoints', 'store');
  await mkdir(workspace);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(join(workspace, path, '..'), { recursive: true });
  await writeFile(join(workspace, path), content);
}

async function read(path: string): Promise<string> {
  return readFile(join(workspace, path), 'utf8');
}

async function exists(path: string): Promise<boolean> {
  return stat(join(workspace, path)).then(
    () => true,
    () => false,
  );
}

async function rejection(promise: Promise<unknown>): Promise<ArchonError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(ArchonError.isInstance(error)).toBe(true);
  return error as ArchonError;
}

describe('ShadowCheckpoints snapshot and restore', () => {
  it('restores modified files, recreates deleted ones and removes created ones, in subfolders too', async () => {
    await put('README.md', 'hello\n');
    await put('src/app/main.ts', 'export const x = 1;\n');
    await put('src/app/remove-me.ts', 'gone soon\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('before edits');
    expect(id).toMatch(/^[0-9a-f]{40}$/);

    await put('src/app/main.ts', 'export const x = 2;\n');
    await rm(join(workspace, 'src/app/remove-me.ts'));
    await put('src/new/deep/created.ts', 'new\n');
    await put('created-top.txt', 'new\n');

    const result = await checkpoints.restore(id);
    expect(result.restored.sort()).toEqual(['src/app/main.ts', 'src/app/remove-me.ts']);
    expect(result.deleted.sort()).toEqual(['created-top.txt', 'src/new/deep/created.ts']);
    expect(await read('src/app/main.ts')).toBe('export const x = 1;\n');
    expect(await read('src/app/remove-me.ts')).toBe('gone soon\n');
    expect(await exists('src/new/deep/created.ts')).toBe(false);
    expect(await exists('src/new')).toBe(false);
    expect(await exists('created-top.txt')).toBe(false);
    expect(await read('README.md')).toBe('hello\n');
  });

  it('restores the exact bytes: CRLF, no final newline, binary and Unicode names, whatever .gitattributes says', async () => {
    await put('.gitattributes', '* text=auto eol=lf\n');
    await put('windows.txt', 'one\r\ntwo\r\n');
    await put('no-newline.txt', 'last line');
    await put('blob.bin', Buffer.from([0, 1, 2, 255, 13, 10, 0]));
    await put('données/ünïcödé 名前.md', 'ça marche\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('bytes');

    await put('windows.txt', 'changed\n');
    await put('no-newline.txt', 'changed\n');
    await put('blob.bin', 'text now');
    await rm(join(workspace, 'données'), { recursive: true });

    const result = await checkpoints.restore(id);
    expect(result.restored.sort()).toEqual(
      ['blob.bin', 'données/ünïcödé 名前.md', 'no-newline.txt', 'windows.txt'].sort(),
    );
    expect(await read('windows.txt')).toBe('one\r\ntwo\r\n');
    expect(await read('no-newline.txt')).toBe('last line');
    expect([...(await readFile(join(workspace, 'blob.bin')))]).toEqual([0, 1, 2, 255, 13, 10, 0]);
    expect(await read('données/ünïcödé 名前.md')).toBe('ça marche\n');
  });

  it('never captures or touches ignored files, node_modules or .git', async () => {
    await put('.gitignore', 'dist/\n*.log\n');
    await put('packages/a/.gitignore', 'generated.ts\n');
    await put('packages/a/generated.ts', 'old generated\n');
    await put('packages/a/kept.ts', 'kept\n');
    await put('dist/out.js', 'old build\n');
    await put('debug.log', 'old log\n');
    await put('node_modules/lib/index.js', 'old lib\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('ignored');

    await put('packages/a/generated.ts', 'new generated\n');
    await put('dist/out.js', 'new build\n');
    await put('dist/extra.js', 'extra\n');
    await put('debug.log', 'new log\n');
    await put('node_modules/lib/index.js', 'new lib\n');

    expect(await checkpoints.changedFiles(id)).toEqual([]);
    const result = await checkpoints.restore(id);
    expect(result).toEqual({ restored: [], deleted: [] });
    expect(await read('packages/a/generated.ts')).toBe('new generated\n');
    expect(await read('dist/extra.js')).toBe('extra\n');
    expect(await read('debug.log')).toBe('new log\n');
    expect(await read('node_modules/lib/index.js')).toBe('new lib\n');
  });

  it('leaves nested git repositories out instead of failing on them', async () => {
    await put('top.txt', 'top\n');
    await put('vendor/empty-repo/file.txt', 'inside\n');
    git(join(workspace, 'vendor/empty-repo'), ['init', '--quiet']);
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('nested');
    await put('vendor/empty-repo/file.txt', 'changed inside\n');
    await put('top.txt', 'changed\n');
    expect(await checkpoints.changedFiles(id)).toEqual([{ path: 'top.txt', change: 'modified' }]);
    await checkpoints.restore(id);
    expect(await read('top.txt')).toBe('top\n');
    expect(await read('vendor/empty-repo/file.txt')).toBe('changed inside\n');
  });

  it('restores symbolic links and type changes', async () => {
    await put('target.txt', 'target\n');
    await symlink('target.txt', join(workspace, 'link.txt'));
    await put('plain.txt', 'plain\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('links');
    await rm(join(workspace, 'plain.txt'));
    await symlink('target.txt', join(workspace, 'plain.txt'));
    expect(await checkpoints.changedFiles(id)).toEqual([{ path: 'plain.txt', change: 'modified' }]);
    await checkpoints.restore(id);
    expect((await stat(join(workspace, 'plain.txt'))).isFile()).toBe(true);
    expect(await read('plain.txt')).toBe('plain\n');
    expect(await read('link.txt')).toBe('target\n');
  });

  it('restores an older checkpoint without losing the later ones', async () => {
    await put('file.txt', 'v1\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const first = await checkpoints.snapshot('v1');
    await put('file.txt', 'v2\n');
    const second = await checkpoints.snapshot('v2');
    await checkpoints.restore(first);
    expect(await read('file.txt')).toBe('v1\n');
    await checkpoints.restore(second);
    expect(await read('file.txt')).toBe('v2\n');
    const third = await checkpoints.snapshot('v2 again');
    const labels = (await checkpoints.list()).map((entry) => entry.label);
    expect(labels).toEqual(['v2 again', 'v2', 'v1']);
    expect((await checkpoints.list(1)).map((entry) => entry.id)).toEqual([third]);
  });

  it('serializes concurrent operations on one instance', async () => {
    await put('a.txt', 'a\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const ids = await Promise.all([
      checkpoints.snapshot('one'),
      checkpoints.snapshot('two'),
      checkpoints.snapshot('three'),
    ]);
    expect(new Set(ids).size).toBe(3);
    expect((await checkpoints.list()).map((entry) => entry.label)).toEqual(['three', 'two', 'one']);
  });

  it('keeps labels on one line and gives empty labels a name', async () => {
    await put('a.txt', 'a\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    await checkpoints.snapshot('first line\nsecond\u0000line');
    await checkpoints.snapshot('   ');
    await checkpoints.snapshot('x'.repeat(500));
    const labels = (await checkpoints.list()).map((entry) => entry.label);
    expect(labels).toEqual(['x'.repeat(200), 'checkpoint', 'first line second line']);
    const [latest] = await checkpoints.list();
    expect(latest?.createdAt).toBeInstanceOf(Date);
  });

  it('lists nothing before the first snapshot and reopens an existing store', async () => {
    await put('a.txt', 'a\n');
    const first = await ShadowCheckpoints.open({ workspace, storeDirectory });
    expect(await first.list()).toEqual([]);
    const id = await first.snapshot('kept');
    const reopened = await ShadowCheckpoints.open({ workspace, storeDirectory });
    expect((await reopened.list()).map((entry) => entry.id)).toEqual([id]);
  });
});

describe('ShadowCheckpoints diff and changedFiles', () => {
  it('diffs a checkpoint against the working tree, including new and deleted files', async () => {
    await put('src/keep.ts', 'line one\nline two\n');
    await put('src/drop.ts', 'drop me\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('base');
    await put('src/keep.ts', 'line one\nline 2\n');
    await rm(join(workspace, 'src/drop.ts'));
    await put('src/added.ts', 'brand new\n');

    const diff = await checkpoints.diff(id);
    expect(diff).toContain('diff --git a/src/keep.ts b/src/keep.ts');
    expect(diff).toContain('-line two\n+line 2\n');
    expect(diff).toContain('+++ b/src/added.ts');
    expect(diff).toContain('+brand new');
    expect(diff).toContain('--- a/src/drop.ts');
    expect(diff).toContain('-drop me');
    expect(await checkpoints.changedFiles(id)).toEqual([
      { path: 'src/added.ts', change: 'added' },
      { path: 'src/drop.ts', change: 'deleted' },
      { path: 'src/keep.ts', change: 'modified' },
    ]);
  });

  it('diffs two checkpoints and is empty when nothing changed', async () => {
    await put('a.txt', 'one\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const first = await checkpoints.snapshot('one');
    expect(await checkpoints.diff(first)).toBe('');
    await put('a.txt', 'two\n');
    const second = await checkpoints.snapshot('two');
    await put('a.txt', 'three\n');
    const between = await checkpoints.diff(first, second);
    expect(between).toContain('-one\n+two\n');
    expect(between).not.toContain('three');
    expect(await checkpoints.changedFiles(first, second)).toEqual([
      { path: 'a.txt', change: 'modified' },
    ]);
  });

  it('refuses malformed ids before running git and reports unknown ones as not found', async () => {
    await put('a.txt', 'a\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('one');
    for (const bad of ['HEAD', '--output=/tmp/x', 'abc', `${id}~1`, id.toUpperCase(), '']) {
      expect((await rejection(checkpoints.restore(bad))).code).toBe(ErrorCode.InvalidInput);
      expect((await rejection(checkpoints.diff(bad))).code).toBe(ErrorCode.InvalidInput);
      expect((await rejection(checkpoints.diff(id, bad))).code).toBe(ErrorCode.InvalidInput);
      expect((await rejection(checkpoints.changedFiles(bad))).code).toBe(ErrorCode.InvalidInput);
    }
    const unknown = 'f'.repeat(40);
    const error = await rejection(checkpoints.restore(unknown));
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.message).toContain(unknown);
    expect((await rejection(checkpoints.diff(id, unknown))).code).toBe(ErrorCode.NotFound);
    const tree = git(workspace, [
      '--git-dir',
      checkpoints.storeDirectory,
      'rev-parse',
      `${id}^{tree}`,
    ]).trim();
    expect((await rejection(checkpoints.restore(tree))).code).toBe(ErrorCode.NotFound);
  });
});

/** Runs git for the test's own setup, with a clean environment and a fixed identity. */
function git(cwd: string, args: readonly string[]): string {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_')) environment[name] = value;
  }
  environment.GIT_CONFIG_NOSYSTEM = '1';
  environment.GIT_CONFIG_GLOBAL = '/dev/null';
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, env: environment, encoding: 'utf8' },
  );
}
