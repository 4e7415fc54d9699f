/**
 * The two trees a before/after bench compares: the base commit's `src` (extracted with
 * `git archive` under bench/.data, with node_modules linked so its imports resolve) and
 * the working tree, each with a name for the table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { benchDataDirectory } from '../corpus/corpus-locations.js';

/** The repository this bench runs from. */
export const repositoryRoot = resolve(import.meta.dirname, '..', '..');

/** A tree to measure: its name in the table and the folder holding its `src`. */
export interface BenchTree {
  readonly name: string;
  readonly root: string;
}

/** Runs git in the repository and returns its trimmed output. */
export function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8' }).trim();
}

/**
 * The base commit (`base`, or the merge base of HEAD and main) extracted under
 * bench/.data as `<bench>-base-<sha>`, then the working tree, named for the table
 * (`this tree <sha> + changes` when `src` has uncommitted edits).
 */
export function baseAndWorkingTrees(
  bench: string,
  base: string | undefined,
): { readonly base: string; readonly trees: readonly [BenchTree, BenchTree] } {
  const baseName = base ?? git(['merge-base', 'HEAD', 'main']);
  const baseSha = git(['rev-parse', baseName]);
  const headSha = git(['rev-parse', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no', 'src']) !== '';
  return {
    base: baseName,
    trees: [
      { name: `base ${baseSha.slice(0, 7)}`, root: extractTree(bench, baseSha) },
      {
        name: `this tree ${headSha.slice(0, 7)}${dirty ? ' + changes' : ''}`,
        root: repositoryRoot,
      },
    ],
  };
}

/** `src` and package.json of `sha`, extracted once under bench/.data, with node_modules linked. */
function extractTree(bench: string, sha: string): string {
  const directory = join(benchDataDirectory, `${bench}-base-${sha.slice(0, 12)}`);
  if (!existsSync(join(directory, 'src'))) {
    mkdirSync(directory, { recursive: true });
    const archive = execFileSync('git', ['archive', sha, 'src', 'package.json'], {
      cwd: repositoryRoot,
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', directory], { input: archive });
  }
  const modules = join(directory, 'node_modules');
  if (!existsSync(modules))
    symlinkSync(realpathSync(join(repositoryRoot, 'node_modules')), modules);
  return directory;
}
