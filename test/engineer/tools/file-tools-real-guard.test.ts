/**
 * The plain file tools with the real WorkspaceGuard as their PathGuard: every way out
 * of the workspace is refused and nothing outside it is read or changed.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../src/core/errors.js';
import { editFile } from '../../../src/engineer/tools/edit-file.js';
import type { FileToolContext } from '../../../src/engineer/tools/file-tool-context.js';
import { grep } from '../../../src/engineer/tools/grep-files.js';
import { listFiles } from '../../../src/engineer/tools/list-files.js';
import { readFile as readWorkspaceFile } from '../../../src/engineer/tools/read-file.js';
import { writeFile as writeWorkspaceFile } from '../../../src/engineer/tools/write-file.js';
import { WorkspaceGuard } from '../../../src/engineer/workspace/workspace-guard.js';
import { rejectionOf } from './simple-path-guard.js';

let root: string;
let workspace: string;
let outside: string;
let context: FileToolContext;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'archon-real-guard-')));
  workspace = join(root, 'workspace');
  outside = join(root, 'outside');
  await mkdir(join(workspace, '.git'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'SECRET=1\n');
  await writeFile(join(workspace, '.git', 'config'), '[core]\n');
  await writeFile(join(workspace, 'inside.txt'), 'hello\n');
  await symlink(join(outside, 'secret.txt'), join(workspace, 'link-out.txt'));
  await symlink(outside, join(workspace, 'dir-out'));
  context = { workspace, guard: await WorkspaceGuard.open(workspace) };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('file tools behind the real WorkspaceGuard', () => {
  it('work inside the workspace', async () => {
    expect((await readWorkspaceFile(context, { path: 'inside.txt' })).output).toBe('1\thello');
    await editFile(context, { path: 'inside.txt', oldText: 'hello', newText: 'bye' });
    await writeWorkspaceFile(context, { path: 'new/file.txt', content: 'new\n' });
    expect(await readFile(join(workspace, 'new/file.txt'), 'utf8')).toBe('new\n');
    expect((await listFiles(context, { limit: 10 })).files).toEqual([
      'dir-out',
      'inside.txt',
      'link-out.txt',
      'new/file.txt',
    ]);
    expect((await grep(context, { pattern: 'SECRET', limit: 10 })).matches).toEqual([]);
  });

  it('refuse every way out and leave the outside untouched', async () => {
    const attempts: (() => Promise<unknown>)[] = [
      () => readWorkspaceFile(context, { path: '../outside/secret.txt' }),
      () => readWorkspaceFile(context, { path: join(outside, 'secret.txt') }),
      () => readWorkspaceFile(context, { path: 'link-out.txt' }),
      () => readWorkspaceFile(context, { path: 'dir-out/secret.txt' }),
      () => listFiles(context, { path: '..', limit: 10 }),
      () => listFiles(context, { path: 'dir-out', limit: 10 }),
      () => grep(context, { pattern: 'SECRET', path: 'dir-out', limit: 10 }),
      () => grep(context, { pattern: 'SECRET', path: 'link-out.txt', limit: 10 }),
      () => editFile(context, { path: 'link-out.txt', oldText: 'SECRET=1', newText: 'SECRET=2' }),
      () => editFile(context, { path: '.git/config', oldText: '[core]', newText: '[evil]' }),
      () => writeWorkspaceFile(context, { path: 'dir-out/planted.txt', content: 'x' }),
      () => writeWorkspaceFile(context, { path: '.git/hooks/pre-commit', content: 'x' }),
      () => writeWorkspaceFile(context, { path: 'a/../../outside/planted.txt', content: 'x' }),
      () => writeWorkspaceFile(context, { path: 'inside.txt\0.png', content: 'x' }),
    ];
    for (const attempt of attempts) {
      const error = await rejectionOf(attempt());
      expect([ErrorCode.WorkspaceViolation, ErrorCode.InvalidInput]).toContain(error.code);
    }
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('SECRET=1\n');
    expect(await readFile(join(workspace, '.git', 'config'), 'utf8')).toBe('[core]\n');
    await expect(readFile(join(outside, 'planted.txt'))).rejects.toThrow();
  });
});
