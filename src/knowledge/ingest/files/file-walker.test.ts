import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { walkDirectory, type WalkOptions } from './file-walker.js';
import { createPathFilter } from './path-filters.js';
import type { WalkItem } from './walk-items.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'archon-walker-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function options(): WalkOptions {
  return { filter: createPathFilter(), respectGitignore: true, visitedDirectories: new Set() };
}

async function walk(root: string, walkOptions = options()): Promise<WalkItem[]> {
  const items: WalkItem[] = [];
  for await (const item of walkDirectory(root, root, walkOptions)) items.push(item);
  return items;
}

describe('walkDirectory', () => {
  it('reports a root it cannot read as unreadable', async () => {
    const root = join(folder, 'missing');
    expect(await walk(root)).toEqual([
      {
        kind: 'skipped',
        skipped: {
          location: root,
          reason: 'unreadable',
          message: 'Cannot read directory (ENOENT)',
        },
      },
    ]);
  });

  it('walks a root only once per set of visited directories', async () => {
    await writeFile(join(folder, 'a.md'), 'a');
    const shared = options();
    expect(await walk(folder, shared)).toHaveLength(1);
    expect(await walk(folder, shared)).toEqual([]);
  });

  it('carries what the path says about each file', async () => {
    await writeFile(join(folder, 'main.go'), 'package main');
    expect(await walk(folder)).toEqual([
      {
        kind: 'file',
        file: {
          location: join(folder, 'main.go'),
          realPath: join(folder, 'main.go'),
          uri: `${folder.split('/').pop()}/main.go`,
          fileName: 'main.go',
          language: 'go',
          format: 'code',
        },
      },
    ]);
  });

  it('reports a link to a named pipe as not a regular file', async () => {
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    await symlink('pipe', join(folder, 'link.md'));
    const items = await walk(folder);
    expect(items.map((item) => (item.kind === 'skipped' ? item.skipped.location : ''))).toEqual([
      join(folder, 'link.md'),
      join(folder, 'pipe'),
    ]);
    expect(
      items.every((item) => item.kind === 'skipped' && item.skipped.reason === 'unsupported'),
    ).toBe(true);
  });

  it('treats a .gitignore it cannot read as empty', async () => {
    await mkdir(join(folder, '.gitignore'));
    await writeFile(join(folder, 'a.md'), 'a');
    expect(await walk(folder)).toMatchObject([{ kind: 'file', file: { fileName: 'a.md' } }]);
  });

  it('stops with CANCELLED when aborted', async () => {
    await writeFile(join(folder, 'a.md'), 'a');
    const controller = new AbortController();
    controller.abort();
    await expect(
      walk(folder, { ...options(), abortSignal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
