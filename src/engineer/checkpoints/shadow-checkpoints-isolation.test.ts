/**
 * The promise of the shadow store: whatever checkpoints do, the user's own repository
 * (HEAD, index, refs, objects, config, everything under .git) stays byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ShadowCheckpoints } from './shadow-checkpoints.js';

let root: string;
let workspace: string;
let storeDirectory: string;
const savedEnvironment = { ...process.env };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archon-isolation-'));
  workspace = join(root, 'repository');
  storeDirectory = join(root, 'store');
  await mkdir(workspace);
});

afterEach(async () => {
  process.env = { ...savedEnvironment };
  await rm(root, { recursive: true, force: true });
});

function git(args: readonly string[]): string {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (!name.startsWith('GIT_')) environment[name] = value;
  }
  environment.GIT_CONFIG_NOSYSTEM = '1';
  environment.GIT_CONFIG_GLOBAL = '/dev/null';
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=User',
      '-c',
      'user.email=user@example.invalid',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd: workspace, env: environment, encoding: 'utf8' },
  );
}

async function write(path: string, content: string): Promise<void> {
  await mkdir(join(workspace, path, '..'), { recursive: true });
  await writeFile(join(workspace, path), content);
}

/** Every file under `directory` with the hash of its bytes, and every folder. */
async function fingerprint(directory: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const key = relative(directory, path);
      if (entry.isDirectory()) {
        result[`${key}/`] = 'folder';
        pending.push(path);
      } else {
        const bytes = await readFile(path);
        const info = await stat(path);
        result[key] = `${createHash('sha256').update(bytes).digest('hex')} ${info.mtimeMs}`;
      }
    }
  }
  return result;
}

describe('ShadowCheckpoints isolation from the user repository', () => {
  it('leaves HEAD, index, refs and every byte of .git unchanged, even with GIT_* set in the environment', async () => {
    await write('src/main.ts', 'export const answer = 41;\n');
    await write('README.md', '# project\n');
    git(['init', '--quiet']);
    git(['add', '--all']);
    git(['commit', '--quiet', '-m', 'first']);
    git(['checkout', '--quiet', '-b', 'feature']);
    await write('src/main.ts', 'export const answer = 42;\n');
    git(['commit', '--quiet', '--all', '-m', 'second']);
    git(['tag', 'v1']);
    await write('staged.ts', 'staged\n');
    git(['add', 'staged.ts']);
    await write('src/main.ts', 'export const answer = 43; // unstaged\n');

    const userGit = join(workspace, '.git');
    const before = await fingerprint(userGit);
    const headBefore = await readFile(join(userGit, 'HEAD'));
    const indexBefore = await readFile(join(userGit, 'index'));
    const statusBefore = git(['status', '--porcelain=v1', '--branch']);
    const fingerprintAfterStatus = await fingerprint(userGit);

    // A hostile or leftover environment must not redirect the shadow store.
    process.env.GIT_DIR = userGit;
    process.env.GIT_INDEX_FILE = join(userGit, 'index');
    process.env.GIT_WORK_TREE = workspace;

    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const first = await checkpoints.snapshot('before edits');
    await write('src/main.ts', 'export const answer = 0;\n');
    await write('src/extra/new-file.ts', 'new\n');
    await rm(join(workspace, 'README.md'));
    const second = await checkpoints.snapshot('after edits');
    expect(await checkpoints.diff(first)).toContain('+export const answer = 0;');
    expect(await checkpoints.diff(first, second)).toContain('new-file.ts');
    expect(await checkpoints.changedFiles(first)).toHaveLength(3);
    const restored = await checkpoints.restore(first);
    expect(restored.deleted).toEqual(['src/extra/new-file.ts']);
    await checkpoints.list();

    expect(await readFile(join(userGit, 'HEAD'))).toEqual(headBefore);
    expect(await readFile(join(userGit, 'index'))).toEqual(indexBefore);
    expect(await fingerprint(userGit)).toEqual(fingerprintAfterStatus);
    expect(Object.keys(fingerprintAfterStatus).sort()).toEqual(Object.keys(before).sort());

    process.env = { ...savedEnvironment };
    expect(git(['status', '--porcelain=v1', '--branch'])).toBe(statusBefore);
    expect(git(['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('feature');
    expect(git(['log', '--format=%s']).trim().split('\n')).toEqual(['second', 'first']);
    expect(git(['diff', '--cached', '--name-only']).trim()).toBe('staged.ts');
  });

  it('works in a folder that is not a git repository and creates no .git there', async () => {
    await write('notes.txt', 'plain folder\n');
    const checkpoints = await ShadowCheckpoints.open({ workspace, storeDirectory });
    const id = await checkpoints.snapshot('plain');
    await write('notes.txt', 'edited\n');
    await checkpoints.restore(id);
    expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe('plain folder\n');
    expect(await readdir(workspace)).toEqual(['notes.txt']);
  });
});
