/**
 * Builds real directory trees in a temp folder for file-loading tests: files from a
 * path-to-content map, symlinks from a path-to-target map.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { LoadResult } from '../../../src/knowledge/ingest/loaded-document.js';

/** A temp folder that tests create trees in; call `remove` when done. */
export interface TempFolder {
  readonly path: string;
  remove(): Promise<void>;
}

export async function createTempFolder(): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), 'archon-files-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Writes `files` (relative path to content) under `root`, creating folders as needed. */
export async function writeTree(
  root: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
}

/** Creates symlinks (relative link path to target, used as given) under `root`. */
export async function linkTree(root: string, links: Record<string, string>): Promise<void> {
  for (const [path, target] of Object.entries(links)) {
    const absolute = join(root, path);
    await mkdir(dirname(absolute), { recursive: true });
    await symlink(target, absolute);
  }
}

/** Drains a load into an array. */
export async function collect(results: AsyncIterable<LoadResult>): Promise<LoadResult[]> {
  const all: LoadResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

/**
 * A compact view of results for order assertions: `uri` for documents, `unchanged: uri`
 * for unchanged ones, `reason: location` for skips.
 */
export function summarize(results: readonly LoadResult[], root: string): string[] {
  return results.map((result) => {
    if (result.kind === 'document') return result.document.uri;
    if (result.kind === 'unchanged') return `unchanged: ${result.unchanged.uri}`;
    return `${result.skipped.reason}: ${result.skipped.location.slice(root.length + 1)}`;
  });
}
