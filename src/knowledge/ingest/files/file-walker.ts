/**
 * Walks a directory tree in a fixed order (depth first, entries sorted by code unit, so
 * the same tree always yields the same sequence) and decides from paths alone which
 * files to load. It prunes always-skipped folders, `.gitignore`d and excluded paths,
 * never follows a symlink out of the root, and enters each real directory once, which
 * also breaks symlink cycles.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';

import { throwIfAborted } from './cancellation.js';
import { errorCode } from './file-system-errors.js';
import { detectLanguage } from './format-detection.js';
import { GitignoreRules } from './gitignore-rules.js';
import type { PathFilter } from './path-filters.js';
import { alwaysSkippedDirectoryNames } from './skipped-directories.js';
import { skippedItem, type WalkItem } from './walk-items.js';

/** Settings of one walk; `visitedDirectories` is shared by the walks of one load. */
export interface WalkOptions {
  readonly filter: PathFilter;
  readonly respectGitignore: boolean;
  /** Real paths of directories already walked; a directory found here is not entered again. */
  readonly visitedDirectories: Set<string>;
  readonly abortSignal?: AbortSignal;
}

interface DirectoryFrame {
  readonly absolutePath: string;
  readonly realPath: string;
  /** Root-relative POSIX path ('' for the root). */
  readonly relativePath: string;
  readonly rules: GitignoreRules;
  readonly entries: Dirent[];
  next: number;
}

interface EntryTarget {
  readonly type: 'directory' | 'file' | 'other';
  readonly realPath: string;
  readonly isSymbolicLink: boolean;
}

/** What every step of one walk needs to know about its root. */
interface WalkContext {
  readonly options: WalkOptions;
  readonly rootName: string;
  readonly rootRealPath: string;
  /** The real root path with a trailing separator, to test real paths for containment. */
  readonly insidePrefix: string;
}

/** Yields the files under `root` (absolute, real path `rootRealPath`) and the skips found. */
export async function* walkDirectory(
  root: string,
  rootRealPath: string,
  options: WalkOptions,
): AsyncGenerator<WalkItem> {
  if (options.visitedDirectories.has(rootRealPath)) return;
  options.visitedDirectories.add(rootRealPath);
  const context: WalkContext = {
    options,
    rootName: basename(root),
    rootRealPath,
    insidePrefix: rootRealPath.endsWith(sep) ? rootRealPath : rootRealPath + sep,
  };
  const rootFrame = await openDirectory(root, rootRealPath, '', GitignoreRules.empty(), options);
  if (!('entries' in rootFrame)) {
    yield rootFrame;
    return;
  }
  const stack: DirectoryFrame[] = [rootFrame];
  while (stack.length > 0) {
    throwIfAborted(options.abortSignal);
    const frame = stack[stack.length - 1] as DirectoryFrame;
    const entry = frame.entries[frame.next];
    if (entry === undefined) {
      stack.pop();
      continue;
    }
    frame.next += 1;
    const outcome = await visitEntry(frame, entry, context);
    if (outcome === null) continue;
    if ('entries' in outcome) stack.push(outcome);
    else yield outcome;
  }
}

/** Decides one directory entry: a file or skip to yield, a directory to enter, or nothing. */
async function visitEntry(
  frame: DirectoryFrame,
  entry: Dirent,
  context: WalkContext,
): Promise<WalkItem | DirectoryFrame | null> {
  const { options } = context;
  const name = entry.name;
  const absolutePath = join(frame.absolutePath, name);
  const relativePath = frame.relativePath === '' ? name : `${frame.relativePath}/${name}`;
  const target = await resolveEntry(entry, absolutePath, join(frame.realPath, name));
  if (typeof target === 'string') {
    const selected =
      !frame.rules.ignores(relativePath, false) && options.filter.acceptsFile(relativePath);
    return selected ? skippedItem(absolutePath, 'unreadable', target) : null;
  }
  const isDirectory = target.type === 'directory';
  if (isDirectory && alwaysSkippedDirectoryNames.has(name)) return null;
  if (frame.rules.ignores(relativePath, isDirectory)) return null;
  const filteredOut = isDirectory
    ? options.filter.excludesDirectory(relativePath)
    : !options.filter.acceptsFile(relativePath);
  if (filteredOut) return null;
  if (target.isSymbolicLink && !isInside(context, target.realPath)) {
    const message = `Symbolic link points outside the root, to ${target.realPath}`;
    return skippedItem(absolutePath, 'symlink-outside-root', message);
  }
  if (isDirectory) {
    if (options.visitedDirectories.has(target.realPath)) return null;
    options.visitedDirectories.add(target.realPath);
    return openDirectory(absolutePath, target.realPath, relativePath, frame.rules, options);
  }
  if (target.type === 'other')
    return skippedItem(absolutePath, 'unsupported', 'Not a regular file');
  const detected = detectLanguage(name);
  if (detected === null) return skippedItem(absolutePath, 'unsupported', 'Unsupported file type');
  const uri = context.rootName === '' ? relativePath : `${context.rootName}/${relativePath}`;
  return {
    kind: 'file',
    file: { location: absolutePath, realPath: target.realPath, uri, fileName: name, ...detected },
  };
}

function isInside(context: WalkContext, realPath: string): boolean {
  return realPath === context.rootRealPath || realPath.startsWith(context.insidePrefix);
}

/** What an entry is, following a symlink; a message string when the link is broken. */
async function resolveEntry(
  entry: Dirent,
  absolutePath: string,
  realPathIfNotLink: string,
): Promise<EntryTarget | string> {
  if (!entry.isSymbolicLink()) {
    const type = entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
    return { type, realPath: realPathIfNotLink, isSymbolicLink: false };
  }
  try {
    const [realPath, stats] = await Promise.all([realpath(absolutePath), stat(absolutePath)]);
    const type = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
    return { type, realPath, isSymbolicLink: true };
  } catch (error) {
    return `Broken symbolic link (${errorCode(error)})`;
  }
}

/** Reads a directory's sorted entries and its `.gitignore`; a skipped item when unreadable. */
async function openDirectory(
  absolutePath: string,
  realPath: string,
  relativePath: string,
  parentRules: GitignoreRules,
  options: WalkOptions,
): Promise<DirectoryFrame | WalkItem> {
  let entries: Dirent[];
  try {
    entries = await readdir(absolutePath, { withFileTypes: true });
  } catch (error) {
    return skippedItem(absolutePath, 'unreadable', `Cannot read directory (${errorCode(error)})`);
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  let rules = parentRules;
  if (options.respectGitignore && entries.some((entry) => entry.name === '.gitignore')) {
    const text = await readFile(join(absolutePath, '.gitignore'), 'utf8').catch(() => '');
    if (text.trim() !== '') rules = parentRules.withFile(relativePath, text);
  }
  return { absolutePath, realPath, relativePath, rules, entries, next: 0 };
}
