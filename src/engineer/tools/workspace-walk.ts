/**
 * Walks a folder of the workspace in sorted order, yielding the files git would not
 * ignore. Symbolic links are yielded but never followed, so a walk cannot leave the
 * workspace or loop; folders the rules ignore are not entered at all.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { type IgnoreRules, ignoreRulesFor } from './ignore-rules.js';

/** One file found by {@link walkWorkspace}. */
export interface WalkedFile {
  /** Workspace-relative path with `/` separators. */
  readonly path: string;
  readonly absolute: string;
  readonly isSymbolicLink: boolean;
}

export interface WalkOptions {
  /** Real path of the workspace. */
  readonly root: string;
  /** Workspace-relative folder to walk ('' for the whole workspace). */
  readonly folder: string;
  /** Entries to visit before stopping; the walk reports whether it stopped early. */
  readonly maxVisitedEntries: number;
  readonly abortSignal?: AbortSignal;
}

/** How a walk ended. */
export interface WalkState {
  stoppedEarly: boolean;
  visited: number;
}

/** Yields every file under `options.folder` that is not ignored, in path order. */
export async function* walkWorkspace(
  options: WalkOptions,
  state: WalkState,
): AsyncGenerator<WalkedFile> {
  const rules = await ignoreRulesFor(options.root, options.folder);
  yield* walkFolder(options, state, options.folder, rules);
}

async function* walkFolder(
  options: WalkOptions,
  state: WalkState,
  folder: string,
  inherited: IgnoreRules,
): AsyncGenerator<WalkedFile> {
  options.abortSignal?.throwIfAborted();
  let entries: Dirent[];
  try {
    entries = await readdir(join(options.root, folder), { withFileTypes: true });
  } catch {
    return; // unreadable or vanished folder: nothing to list
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    if (state.visited >= options.maxVisitedEntries) {
      state.stoppedEarly = true;
      return;
    }
    state.visited += 1;
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    const isFolder = entry.isDirectory();
    if (inherited.ignores(path, isFolder)) continue;
    if (isFolder) {
      const rules = await inherited.enter(options.root, path);
      yield* walkFolder(options, state, path, rules);
      if (state.stoppedEarly) return;
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      yield { path, absolute: join(options.root, path), isSymbolicLink: entry.isSymbolicLink() };
    }
  }
}
