/**
 * A hostile temporary workspace for the adversarial suites: symlinks out of the
 * root in every shape, a hard link to an outside file, a FIFO, `.git` and `.archon`,
 * next to a sentinel directory outside the workspace whose hash proves that nothing
 * outside was touched.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Paths of one hostile workspace. */
export interface HostileWorkspace {
  readonly base: string;
  readonly root: string;
  readonly sentinel: string;
  remove(): Promise<void>;
}

/** Builds the workspace and its outside sentinel under a fresh temporary directory. */
export async function createHostileWorkspace(): Promise<HostileWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'archon-hostile-')));
  const root = join(base, 'workspace');
  const sentinel = join(base, 'sentinel');
  await mkdir(join(sentinel, 'nested'), { recursive: true });
  await writeFile(join(sentinel, 'secret.txt'), 'do not touch\n');
  await writeFile(join(sentinel, 'nested', 'deep.txt'), 'deep secret\n');
  await writeFile(join(sentinel, 'hard.txt'), 'hard-linked secret\n');
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(join(root, '.git', 'hooks'), { recursive: true });
  await mkdir(join(root, '.archon'), { recursive: true });
  await writeFile(join(root, 'src', 'app.ts'), 'export const app = 1;\n');
  await writeFile(join(root, '.git', 'config'), '[core]\n');
  await writeFile(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(join(root, '.archon', 'db'), 'data\n');
  const links: Record<string, string> = {
    'link-root': '/',
    'link-parent': '..',
    'link-sentinel': '../sentinel',
    'link-sentinel-file': '../sentinel/secret.txt',
    'chain-a': 'chain-b',
    'chain-b': 'chain-c',
    'chain-c': '../sentinel',
    dangling: '../sentinel/created-through-link.txt',
    'dangling-in': 'missing-inside.txt',
    'loop-a': 'loop-b',
    'loop-b': 'loop-a',
    'proc-link': '/proc/self/root',
    'abs-link': sentinel,
    'git-alias': '.git',
    'link-dev-null': '/dev/null',
    'link-fifo': 'fifo',
    'src/up': '../..',
  };
  for (const [name, target] of Object.entries(links)) await symlink(target, join(root, name));
  await link(join(sentinel, 'hard.txt'), join(root, 'hardlink.txt'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  return { base, root, sentinel, remove: () => rm(base, { recursive: true, force: true }) };
}

/** A hash of every name, type, link target and file content below `directory`. */
export async function hashTree(directory: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (path: string, relative: string): Promise<void> => {
    const stats = await lstat(path);
    hash.update(`${relative}\0${stats.mode}\0${stats.size}\0${stats.nlink}\0`);
    if (stats.isSymbolicLink()) hash.update(await readlink(path));
    else if (stats.isFile()) hash.update(await readFile(path));
    else if (stats.isDirectory()) {
      for (const name of (await readdir(path)).sort())
        await visit(join(path, name), `${relative}/${name}`);
    }
  };
  await visit(directory, '.');
  return hash.digest('hex');
}
