import { realpath } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadPaths } from '../../../src/knowledge/ingest/files/load-paths.js';
import {
  collect,
  createTempFolder,
  linkTree,
  summarize,
  type TempFolder,
  writeTree,
} from './file-tree.js';

let temp: TempFolder;
let root: string;
let outside: string;

beforeEach(async () => {
  temp = await createTempFolder();
  root = join(temp.path, 'project');
  outside = join(temp.path, 'outside');
  await writeTree(outside, { 'secret.md': '# Outside', 'dir/inner.md': 'inner' });
});
afterEach(() => temp.remove());

describe('loadPaths with symbolic links', () => {
  it('follows a file link inside the root, under the link path', async () => {
    await writeTree(root, { 'private/target.md': '# Target', '.gitignore': 'private/\n' });
    await linkTree(root, { 'docs/link.md': '../private/target.md' });
    const results = await collect(loadPaths([root], { exclude: ['.gitignore'] }));
    expect(results).toEqual([
      {
        kind: 'document',
        document: expect.objectContaining({
          uri: 'project/docs/link.md',
          location: join(root, 'docs/link.md'),
          title: 'Target',
        }),
      },
    ]);
  });

  it('loads a file reached by a link and by its own path once, under the first path walked', async () => {
    await writeTree(root, { 'z-target.md': 'z' });
    await linkTree(root, { 'a-link.md': 'z-target.md' });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual(['project/a-link.md']);
  });

  it('follows a directory link inside the root', async () => {
    await writeTree(root, { 'real/page.md': 'p', '.gitignore': 'real/\n' });
    await linkTree(root, { alias: 'real' });
    const results = await collect(loadPaths([root], { exclude: ['.gitignore'] }));
    expect(summarize(results, root)).toEqual(['project/alias/page.md']);
  });

  it('reports file and directory links that lead outside the root, without reading them', async () => {
    await writeTree(root, { 'a.md': 'a' });
    await linkTree(root, {
      'b-outside-file.md': join(outside, 'secret.md'),
      'c-outside-dir': outside,
      'd-relative-escape.md': '../outside/secret.md',
    });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual([
      'project/a.md',
      'symlink-outside-root: b-outside-file.md',
      'symlink-outside-root: c-outside-dir',
      'symlink-outside-root: d-relative-escape.md',
    ]);
    const outsideReal = await realpath(outside);
    expect(results[2]).toMatchObject({
      skipped: { message: `Symbolic link points outside the root, to ${outsideReal}` },
    });
  });

  it('does not report outside links that the filters drop', async () => {
    await writeTree(root, { 'a.md': 'a', '.gitignore': 'ignored-link\n' });
    await linkTree(root, {
      'excluded-link.md': join(outside, 'secret.md'),
      'ignored-link': outside,
      'other-link.txt': join(outside, 'secret.md'),
    });
    const results = await collect(
      loadPaths([root], { include: ['*.md', 'ignored-link'], exclude: ['excluded-*'] }),
    );
    expect(summarize(results, root)).toEqual(['project/a.md']);
  });

  it('finishes on a directory cycle and loads each file once', async () => {
    await writeTree(root, { 'a/file.md': 'f', 'a/b/deep.md': 'd' });
    await linkTree(root, { 'a/b/back-to-a': '..', 'a/b/to-root': '../..', 'a/self': '.' });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual(['project/a/b/deep.md', 'project/a/file.md']);
  });

  it('reports broken links and link loops as unreadable', async () => {
    await writeTree(root, { 'a.md': 'a' });
    await linkTree(root, {
      'broken.md': 'missing.md',
      'loop-1.md': 'loop-2.md',
      'loop-2.md': 'loop-1.md',
    });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual([
      'project/a.md',
      'unreadable: broken.md',
      'unreadable: loop-1.md',
      'unreadable: loop-2.md',
    ]);
    expect(results[1]).toMatchObject({ skipped: { message: 'Broken symbolic link (ENOENT)' } });
    expect(results[2]).toMatchObject({ skipped: { message: 'Broken symbolic link (ELOOP)' } });
  });

  it('walks a root that is itself a link, judging links by the real root', async () => {
    await writeTree(root, { 'a.md': 'a', 'sub/b.md': 'b' });
    await linkTree(root, { 'sub/up.md': '../a.md' });
    await linkTree(temp.path, { 'alias-root': 'project' });
    const aliasRoot = join(temp.path, 'alias-root');
    const results = await collect(loadPaths([aliasRoot]));
    expect(summarize(results, aliasRoot)).toEqual(['alias-root/a.md', 'alias-root/sub/b.md']);
    expect(results[0]).toMatchObject({ document: { location: join(aliasRoot, 'a.md') } });
  });

  it('loads a file path that is a link to anywhere, since it was named explicitly', async () => {
    await linkTree(root, { 'named.md': join(outside, 'secret.md') });
    const results = await collect(loadPaths([join(root, 'named.md')]));
    expect(results).toMatchObject([{ document: { uri: 'named.md', title: 'Outside' } }]);
  });
});
