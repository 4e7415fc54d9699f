import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { ShadowCheckpoints } from './shadow-checkpoints.js';

let root: string;
let workspace: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archon-store-setup-'));
  workspace = join(root, 'workspace');
  await mkdir(workspace);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function openError(options: {
  workspace: string;
  storeDirectory: string;
}): Promise<ArchonError> {
  const error: unknown = await ShadowCheckpoints.open(options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(ArchonError.isInstance(error)).toBe(true);
  return error as ArchonError;
}

describe('opening a shadow store', () => {
  it('refuses a store inside the workspace .git, the workspace itself or a parent of it', async () => {
    await mkdir(join(workspace, '.git'));
    for (const storeDirectory of [
      join(workspace, '.git'),
      join(workspace, '.git', 'archon'),
      workspace,
      root,
    ]) {
      const error = await openError({ workspace, storeDirectory });
      expect(error.code).toBe(ErrorCode.InvalidInput);
      expect(error.message).toContain('outside the workspace');
    }
  });

  it('reports a missing workspace and a workspace that is a file', async () => {
    const storeDirectory = join(root, 'store');
    expect((await openError({ workspace: join(root, 'missing'), storeDirectory })).code).toBe(
      ErrorCode.PathNotFound,
    );
    await writeFile(join(root, 'file.txt'), 'x');
    expect((await openError({ workspace: join(root, 'file.txt'), storeDirectory })).code).toBe(
      ErrorCode.InvalidInput,
    );
  });

  it('refuses a non-empty folder that is not a store', async () => {
    const storeDirectory = join(root, 'occupied');
    await mkdir(storeDirectory);
    await writeFile(join(storeDirectory, 'something.txt'), 'x');
    const error = await openError({ workspace, storeDirectory });
    expect(error.code).toBe(ErrorCode.InvalidInput);
    expect(error.message).toContain('not a checkpoint store');
  });

  it('refuses a store that belongs to another workspace or to another tool', async () => {
    const storeDirectory = join(root, 'store');
    await ShadowCheckpoints.open({ workspace, storeDirectory });
    const other = join(root, 'other');
    await mkdir(other);
    const error = await openError({ workspace: other, storeDirectory });
    expect(error.code).toBe(ErrorCode.Conflict);
    expect(error.message).toContain(await realpath(workspace));

    const foreign = join(root, 'foreign');
    execFileSync('git', ['init', '--quiet', '--bare', foreign]);
    const foreignError = await openError({ workspace, storeDirectory: foreign });
    expect(foreignError.code).toBe(ErrorCode.Conflict);
    expect(foreignError.message).toContain('another tool');
  });

  it('excludes a store placed inside the workspace, extra patterns and the user local excludes', async () => {
    await mkdir(join(workspace, '.git', 'info'), { recursive: true });
    await writeFile(join(workspace, '.git', 'info', 'exclude'), '# comment\nsecret.env\n\n');
    await writeFile(join(workspace, 'secret.env'), 'TOKEN=1\n');
    await writeFile(join(workspace, 'scratch.tmp'), 'scratch\n');
    await writeFile(join(workspace, 'kept.txt'), 'kept\n');
    const storeDirectory = join(workspace, '.archon', 'checkpoints');
    const checkpoints = await ShadowCheckpoints.open({
      workspace,
      storeDirectory,
      exclude: ['*.tmp'],
    });
    const id = await checkpoints.snapshot('one');
    await writeFile(join(workspace, 'kept.txt'), 'changed\n');
    await writeFile(join(workspace, 'secret.env'), 'TOKEN=2\n');
    expect(await checkpoints.changedFiles(id)).toEqual([{ path: 'kept.txt', change: 'modified' }]);
    const exclude = await readFile(join(storeDirectory, 'info', 'exclude'), 'utf8');
    expect(exclude).toContain('/.archon/checkpoints/');
    expect(exclude).toContain('secret.env');
    expect(exclude).toContain('*.tmp');
  });
});
