import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError, ErrorCode } from '../../core/errors.js';
import { ShadowCheckpoints } from './shadow-checkpoints.js';
import { runShadowGit, shadowGitEnvironment } from './shadow-git.js';

let root: string;
let workspace: string;
let storeDirectory: string;
const savedPath = process.env.PATH;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archon-shadow-git-'));
  workspace = join(root, 'workspace');
  storeDirectory = join(root, 'store');
  await mkdir(workspace);
});

afterEach(async () => {
  process.env.PATH = savedPath;
  await rm(root, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ArchonError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(ArchonError.isInstance(error)).toBe(true);
  return error as ArchonError;
}

describe('runShadowGit', () => {
  it('builds an environment without inherited GIT_* variables and without user configuration', () => {
    process.env.GIT_INDEX_FILE = '/somewhere/index';
    process.env.git_trace = '1';
    try {
      const environment = shadowGitEnvironment({ workspace, storeDirectory });
      expect(environment.GIT_INDEX_FILE).toBeUndefined();
      expect(environment.git_trace).toBeUndefined();
      expect(environment.GIT_DIR).toBe(storeDirectory);
      expect(environment.GIT_WORK_TREE).toBe(workspace);
      expect(environment.GIT_CONFIG_GLOBAL).toBe('/dev/null');
      expect(environment.GIT_CONFIG_NOSYSTEM).toBe('1');
    } finally {
      delete process.env.GIT_INDEX_FILE;
      delete process.env.git_trace;
    }
  });

  it('turns a failing git command into a StorageError naming the command', async () => {
    const location = { workspace, storeDirectory };
    await ShadowCheckpoints.open(location);
    const error = await failure(runShadowGit(location, ['rev-parse', '--verify', 'no-such-ref']));
    expect(error.code).toBe(ErrorCode.StorageError);
    expect(error.message).toContain('git rev-parse');
  });

  it('reports a held index lock as a conflict', async () => {
    await writeFile(join(workspace, 'a.txt'), 'a\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    await writeFile(join(checkpoints.storeDirectory, 'index.lock'), '');
    const error = await failure(checkpoints.snapshot('locked'));
    expect(error.code).toBe(ErrorCode.Conflict);
  });

  it('kills a command that runs past its time limit', async () => {
    const location = { workspace, storeDirectory };
    await ShadowCheckpoints.open(location);
    // `cat-file --batch` waits on its standard input, which is never closed.
    const error = await failure(
      runShadowGit(location, ['cat-file', '--batch'], { timeoutMilliseconds: 200 }),
    );
    expect(error.code).toBe(ErrorCode.Timeout);
  });

  it('says clearly when git is not installed', async () => {
    process.env.PATH = join(root, 'empty-path');
    const error = await failure(ShadowCheckpoints.open({ workspace, storeDirectory }));
    expect(error.code).toBe(ErrorCode.InvalidConfig);
    expect(error.message).toContain('git');
  });
});
