import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  rejectionOf,
  type TemporaryWorkspace,
  temporaryWorkspace,
} from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { listFiles } from './list-files.js';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await temporaryWorkspace();
});

afterEach(async () => {
  await workspace.remove();
});

describe('listFiles', () => {
  it('lists files in path order, honouring nested .gitignore files and skipping .git and node_modules', async () => {
    await workspace.put('.gitignore', 'dist/\n*.log\n!keep.log\n');
    await workspace.put('src/index.ts', '');
    await workspace.put('src/util/strings.ts', '');
    await workspace.put('src/util/.gitignore', 'generated-*.ts\n');
    await workspace.put('src/util/generated-a.ts', '');
    await workspace.put('dist/bundle.js', '');
    await workspace.put('debug.log', '');
    await workspace.put('keep.log', '');
    await workspace.put('node_modules/pkg/index.js', '');
    await workspace.put('packages/a/node_modules/x.js', '');
    await workspace.put('.git/HEAD', 'ref: refs/heads/main\n');
    await workspace.put('README.md', '');

    const result = await listFiles(workspace.context, { limit: 100 });
    expect(result.files).toEqual([
      '.gitignore',
      'README.md',
      'keep.log',
      'src/index.ts',
      'src/util/.gitignore',
      'src/util/strings.ts',
    ]);
    expect(result.truncated).toBe(false);
    expect(result.output).toBe(result.files.join('\n'));
  });

  it('applies the .gitignore files above a listed folder', async () => {
    await workspace.put('.gitignore', 'secret.txt\n');
    await workspace.put('sub/.gitignore', '!secret.txt\nlocal.tmp\n');
    await workspace.put('sub/inner/secret.txt', '');
    await workspace.put('sub/inner/local.tmp', '');
    await workspace.put('sub/inner/code.ts', '');
    await workspace.put('other/secret.txt', '');
    const inner = await listFiles(workspace.context, { path: 'sub/inner', limit: 10 });
    expect(inner.files).toEqual(['sub/inner/code.ts', 'sub/inner/secret.txt']);
    const other = await listFiles(workspace.context, { path: 'other', limit: 10 });
    expect(other.files).toEqual([]);
    expect(other.output).toBe('No files in other.');
  });

  it('lists an ignored folder the model names, still skipping what is ignored inside it', async () => {
    await workspace.put('.gitignore', 'dist/\n');
    await workspace.put('dist/bundle.js', '');
    await workspace.put('dist/.gitignore', '*.map\n');
    await workspace.put('dist/bundle.js.map', '');
    await workspace.put('node_modules/pkg/index.js', '');
    await workspace.put('node_modules/pkg/node_modules/inner/index.js', '');
    expect((await listFiles(workspace.context, { path: 'dist', limit: 10 })).files).toEqual([
      'dist/.gitignore',
      'dist/bundle.js',
    ]);
    expect(
      (await listFiles(workspace.context, { path: 'node_modules/pkg', limit: 10 })).files,
    ).toEqual(['node_modules/pkg/index.js']);
  });

  it('filters by glob, by name without a slash and by path with one', async () => {
    await workspace.put('src/a.ts', '');
    await workspace.put('src/a.test.ts', '');
    await workspace.put('src/deep/b.ts', '');
    await workspace.put('docs/a.md', '');
    expect((await listFiles(workspace.context, { glob: '*.ts', limit: 10 })).files).toEqual([
      'src/a.test.ts',
      'src/a.ts',
      'src/deep/b.ts',
    ]);
    expect(
      (await listFiles(workspace.context, { glob: 'src/**/*.test.ts', limit: 10 })).files,
    ).toEqual(['src/a.test.ts']);
    expect(
      (await listFiles(workspace.context, { path: 'src', glob: 'deep/*.ts', limit: 10 })).files,
    ).toEqual(['src/deep/b.ts']);
    const none = await listFiles(workspace.context, { glob: '*.rs', limit: 10 });
    expect(none.output).toBe('No files in the workspace match *.rs.');
  });

  it('stops at the limit and says how many more there are', async () => {
    for (let index = 0; index < 12; index += 1)
      await workspace.put(`f${String(index).padStart(2, '0')}.txt`, '');
    const result = await listFiles(workspace.context, { limit: 5 });
    expect(result.files).toEqual(['f00.txt', 'f01.txt', 'f02.txt', 'f03.txt', 'f04.txt']);
    expect(result.total).toBe(12);
    expect(result.truncated).toBe(true);
    expect(result.output).toContain('[7 more files not shown; narrow with path or glob.]');
  });

  it('stops walking after the visited-entry limit', async () => {
    const small = await temporaryWorkspace({ maxVisitedEntries: 3 });
    try {
      for (const name of ['a', 'b', 'c', 'd', 'e']) await small.put(`dir/${name}.txt`, '');
      const result = await listFiles(small.context, { limit: 100 });
      expect(result.truncated).toBe(true);
      expect(result.files).toEqual(['dir/a.txt', 'dir/b.txt']);
      expect(result.output).toContain('[Stopped after 3 entries; list a smaller folder.]');
    } finally {
      await small.remove();
    }
  });

  it('lists symbolic links without following them and finds Unicode names', async () => {
    await workspace.put('données/café.md', '');
    await mkdir(join(workspace.root, 'loop'));
    await symlink(workspace.root, join(workspace.root, 'loop', 'back'));
    const result = await listFiles(workspace.context, { limit: 100 });
    expect(result.files).toEqual(['données/café.md', 'loop/back']);
  });

  it('rejects a file path, a missing path, a bad limit and an aborted walk', async () => {
    await workspace.put('file.txt', 'x');
    expect(
      (await rejectionOf(listFiles(workspace.context, { path: 'file.txt', limit: 5 }))).message,
    ).toContain('use readFile');
    expect(
      (await rejectionOf(listFiles(workspace.context, { path: 'missing', limit: 5 }))).code,
    ).toBe(ErrorCode.PathNotFound);
    expect((await rejectionOf(listFiles(workspace.context, { limit: 0 }))).code).toBe(
      ErrorCode.InvalidInput,
    );
    expect((await rejectionOf(listFiles(workspace.context, { limit: 2.5 }))).code).toBe(
      ErrorCode.InvalidInput,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      listFiles({ ...workspace.context, abortSignal: controller.signal }, { limit: 5 }),
    ).rejects.toThrow();
  });
});
