import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArchonError } from '../../../src/core/errors.js';
import {
  loadPaths,
  type LoadPathsOptions,
} from '../../../src/knowledge/ingest/files/load-paths.js';
import type { LoadResult } from '../../../src/knowledge/ingest/loaded-document.js';
import { collect, createTempFolder, type TempFolder, writeTree } from './file-tree.js';

let temp: TempFolder;
let root: string;

beforeEach(async () => {
  temp = await createTempFolder();
  root = join(temp.path, 'project');
  await writeTree(root, { 'a.md': 'a', 'b.md': 'b', 'c.md': 'c', 'sub/d.md': 'd' });
});
afterEach(() => temp.remove());

async function failure(paths: readonly string[], options?: LoadPathsOptions): Promise<ArchonError> {
  const seen: LoadResult[] = [];
  try {
    for await (const result of loadPaths(paths, options)) seen.push(result);
  } catch (error) {
    expect(seen).toEqual([]);
    expect(ArchonError.isInstance(error)).toBe(true);
    return error as ArchonError;
  }
  throw new Error('expected loadPaths to fail');
}

describe('loadPaths errors', () => {
  it('throws PATH_NOT_FOUND naming the missing path before yielding anything', async () => {
    const missing = join(root, 'nope');
    const error = await failure([root, missing]);
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.message).toBe(`Path not found: ${missing}`);
    expect(error.details).toEqual({ path: missing });
  });

  it('treats a path through a file as not found', async () => {
    const error = await failure([join(root, 'a.md', 'inside')]);
    expect(error.code).toBe('PATH_NOT_FOUND');
  });

  it('reports a path the system refuses with INVALID_INPUT and the errno code', async () => {
    const error = await failure([join(root, 'x'.repeat(300))]);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^Cannot access path .* \(ENAMETOOLONG\)$/);
  });

  it('rejects a path that is neither a file nor a directory', async () => {
    const error = await failure(['/dev/null']);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('Not a file or directory: /dev/null');
  });

  it.each([
    [[''], 'A path to load is empty'],
    [['  '], 'A path to load is empty'],
    [[42 as unknown as string], 'A path to load is empty'],
    ['a.md' as unknown as string[], 'Paths to load must be an array of strings'],
  ])('rejects bad paths %j with INVALID_INPUT', async (paths, message) => {
    const error = await failure(paths);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(message);
  });

  it.each([
    [{ maxFileBytes: 0 }, 'maxFileBytes must be a positive number'],
    [{ maxFileBytes: -1 }, 'maxFileBytes must be a positive number'],
    [{ maxFileBytes: Number.NaN }, 'maxFileBytes must be a positive number'],
    [{ maxFileBytes: Infinity }, 'maxFileBytes must be a positive number'],
    [{ maxFileBytes: '5' as unknown as number }, 'maxFileBytes must be a positive number'],
    [{ include: '*.md' as unknown as string[] }, 'include must be an array of glob patterns'],
    [{ exclude: [''] }, 'Empty exclude pattern'],
  ])('rejects bad options %j with INVALID_INPUT', async (options, message) => {
    const error = await failure([root], options);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(message);
  });

  it('ends with CANCELLED when the signal is aborted before the first result', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure([root], { abortSignal: controller.signal });
    expect(error.code).toBe('CANCELLED');
  });

  it('stops at the next result when the signal is aborted mid-way', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const attempt = async (): Promise<void> => {
      for await (const result of loadPaths([root], { abortSignal: controller.signal })) {
        if (result.kind === 'document') seen.push(result.document.uri);
        controller.abort();
      }
    };
    await expect(attempt()).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'Loading files was cancelled',
    });
    expect(seen).toEqual(['project/a.md']);
  });

  it('can be read again after a consumer stops early', async () => {
    for await (const result of loadPaths([root])) {
      expect(result.kind).toBe('document');
      break;
    }
    expect(await collect(loadPaths([root]))).toHaveLength(4);
  });
});
