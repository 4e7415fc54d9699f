/**
 * Finds and loads documents for the knowledge base from files and folders on disk. Paths
 * are checked first, folders are walked in a fixed order, and each file comes out as a
 * document or a reasoned skip (`loadPaths`), or, for `archon ingest <path>`, as a file
 * selected but not read yet, which the ingest pipeline's preparer loads (`selectPaths`).
 */
import { basename } from 'node:path';

import { ArchonError, ErrorCode } from '../../../core/errors.js';
import type { LoadResult, UnchangedCheck } from '../loaded-document.js';
import { throwIfAborted } from './cancellation.js';
import { loadFile } from './file-loader.js';
import { walkDirectory } from './file-walker.js';
import { detectLanguage } from './format-detection.js';
import { createPathFilter, type PathFilter } from './path-filters.js';
import { mapAhead } from './read-ahead.js';
import { resolveRootPaths, type RootPath } from './root-paths.js';
import { type SelectedFile, skippedItem, type WalkItem } from './walk-items.js';

/** Options of {@link loadPaths}. */
export interface LoadPathsOptions {
  /** Globs a file must match (any of them) to be loaded; see {@link loadPaths} for the syntax. */
  include?: readonly string[];
  /** Globs that exclude files and prune whole folders; they win over `include`. */
  exclude?: readonly string[];
  /** Files larger than this are skipped as 'too-large' without being read. Default 2 MiB. */
  maxFileBytes?: number;
  /** Honour `.gitignore` files inside walked folders. Default true. */
  respectGitignore?: boolean;
  /** Aborting ends the iteration with ArchonError CANCELLED. */
  abortSignal?: AbortSignal;
  /** Files it approves (by URI and raw-bytes hash) come out as 'unchanged', undecoded. */
  isUnchanged?: UnchangedCheck;
}

/** Default of {@link LoadPathsOptions.maxFileBytes}: 2 MiB. */
export const defaultMaxFileBytes = 2 * 1024 * 1024;

/** File loads kept in flight ahead of the consumer. */
const readAheadWindow = 8;

/**
 * Loads every supported file under `paths` (files or folders, relative to the working
 * directory). All paths are checked before the first result: a missing one throws
 * ArchonError PATH_NOT_FOUND, bad options INVALID_INPUT (both on the first `next()`).
 *
 * Folders are walked depth first with entries sorted by code unit. Skipped without a
 * report: always-skipped folders (`.git`, `node_modules`, ...), `.gitignore`d paths and
 * paths filtered out by `include`/`exclude`. Reported as skipped: unsupported types,
 * symlinks leading outside their root, and files too large, binary, undecodable or
 * unreadable. Each real file is loaded at most once per call, under the first path
 * that reaches it.
 *
 * Globs match root-relative POSIX paths (`docs/guide.md` for `<root>/docs/guide.md`;
 * just the file name for a file path). Like `.gitignore`: a pattern without a slash
 * matches at any depth (`*.md` is `**` + `/*.md`), a leading `/` anchors it to the root,
 * and a pattern matching a folder covers everything below it.
 */
export function loadPaths(
  paths: readonly string[],
  options: LoadPathsOptions = {},
): AsyncIterable<LoadResult> {
  return loadAll(paths, options);
}

/**
 * What {@link loadPaths} would load, not read yet: the same checks, walk, order and
 * skips (those decided from the path alone), with each selected file handed out as a
 * {@link SelectedFile} for its consumer to load with `loadFile`.
 */
export function selectPaths(
  paths: readonly string[],
  options: Omit<LoadPathsOptions, 'isUnchanged'> = {},
): AsyncIterable<SelectedFile | SkippedItem> {
  return selectAll(paths, options);
}

type SkippedItem = Extract<LoadResult, { kind: 'skipped' }>;

async function* loadAll(
  paths: readonly string[],
  options: LoadPathsOptions,
): AsyncGenerator<LoadResult> {
  const results = mapAhead(
    selectAll(paths, options),
    (item) =>
      item.kind === 'file'
        ? loadFile(item.file, item.maxFileBytes, options.isUnchanged)
        : Promise.resolve(item),
    readAheadWindow,
  );
  for await (const result of results) {
    throwIfAborted(options.abortSignal);
    yield result;
  }
}

async function* selectAll(
  paths: readonly string[],
  options: LoadPathsOptions,
): AsyncGenerator<SelectedFile | SkippedItem> {
  const maxFileBytes = validMaxFileBytes(options.maxFileBytes);
  const filter = createPathFilter(
    validGlobs(options.include, 'include'),
    validGlobs(options.exclude, 'exclude'),
  );
  const roots = await resolveRootPaths(paths);
  throwIfAborted(options.abortSignal);
  for await (const item of walkRoots(roots, filter, options)) {
    throwIfAborted(options.abortSignal);
    yield item.kind === 'file' ? { kind: 'file', file: item.file, maxFileBytes } : item;
  }
}

/** The walk items of every root in turn, each real file once. */
async function* walkRoots(
  roots: readonly RootPath[],
  filter: PathFilter,
  options: LoadPathsOptions,
): AsyncGenerator<WalkItem> {
  const loadedFiles = new Set<string>();
  const walkOptions = {
    filter,
    respectGitignore: options.respectGitignore ?? true,
    visitedDirectories: new Set<string>(),
    abortSignal: options.abortSignal,
  };
  for (const root of roots) {
    const items =
      root.kind === 'file'
        ? fileRootItems(root, filter)
        : walkDirectory(root.absolutePath, root.realPath, walkOptions);
    for await (const item of items) {
      if (item.kind === 'file') {
        if (loadedFiles.has(item.file.realPath)) continue;
        loadedFiles.add(item.file.realPath);
      }
      yield item;
    }
  }
}

/** A path that names a file directly: its URI is its file name; `.gitignore` does not apply. */
function fileRootItems(root: RootPath, filter: PathFilter): WalkItem[] {
  const fileName = basename(root.absolutePath);
  if (!filter.acceptsFile(fileName)) return [];
  const detected = detectLanguage(fileName);
  if (detected === null) {
    return [skippedItem(root.absolutePath, 'unsupported', 'Unsupported file type')];
  }
  const file = { location: root.absolutePath, realPath: root.realPath, uri: fileName, fileName };
  return [{ kind: 'file', file: { ...file, ...detected } }];
}

function validMaxFileBytes(value: number | undefined): number {
  if (value === undefined) return defaultMaxFileBytes;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ArchonError(ErrorCode.InvalidInput, 'maxFileBytes must be a positive number', {
      details: { maxFileBytes: value },
    });
  }
  return value;
}

function validGlobs(value: readonly string[] | undefined, option: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ArchonError(ErrorCode.InvalidInput, `${option} must be an array of glob patterns`, {
      details: { option },
    });
  }
  return value;
}
