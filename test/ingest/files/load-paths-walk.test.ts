import { join, relative } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadPaths } from '../../../src/knowledge/ingest/files/load-paths.js';
import type { LoadedDocument } from '../../../src/knowledge/ingest/loaded-document.js';
import { collect, createTempFolder, summarize, type TempFolder, writeTree } from './file-tree.js';

let temp: TempFolder;
let root: string;

beforeEach(async () => {
  temp = await createTempFolder();
  root = join(temp.path, 'project');
});
afterEach(() => temp.remove());

describe('loadPaths walking folders', () => {
  it('walks depth first in sorted order with root-named URIs and absolute locations', async () => {
    await writeTree(root, {
      'b.md': '# B',
      'a/z.md': '# AZ',
      'a/b/c.md': '# ABC',
      'A.md': '# Upper A',
      'a.md': '# A',
      'c.ts': 'export {}',
    });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual([
      'project/A.md',
      'project/a/b/c.md',
      'project/a/z.md',
      'project/a.md',
      'project/b.md',
      'project/c.ts',
    ]);
    const first = results[0] as { document: LoadedDocument };
    expect(first.document.location).toBe(join(root, 'A.md'));
    expect(first.document.title).toBe('Upper A');
    expect(summarize(await collect(loadPaths([root])), root)).toEqual(summarize(results, root));
  });

  it('resolves relative paths against the working directory', async () => {
    await writeTree(root, { 'docs/a.md': 'a' });
    const results = await collect(loadPaths([relative(process.cwd(), join(root, 'docs'))]));
    expect(summarize(results, root)).toEqual(['docs/a.md']);
    expect(results[0]).toMatchObject({ document: { location: join(root, 'docs/a.md') } });
  });

  it('loads a file path under its file name, ignoring .gitignore for it', async () => {
    await writeTree(root, { '.gitignore': '*.md\n', 'docs/guide.md': '# Guide' });
    const results = await collect(loadPaths([join(root, 'docs/guide.md')]));
    expect(results).toEqual([
      {
        kind: 'document',
        document: expect.objectContaining({
          uri: 'guide.md',
          location: join(root, 'docs/guide.md'),
          title: 'Guide',
        }),
      },
    ]);
  });

  it('applies include/exclude to a file path by its file name', async () => {
    await writeTree(root, { 'guide.md': 'g', 'image.png': 'x' });
    const file = join(root, 'guide.md');
    expect(await collect(loadPaths([file], { exclude: ['*.md'] }))).toEqual([]);
    expect(await collect(loadPaths([file], { include: ['*.md'] }))).toHaveLength(1);
    expect(summarize(await collect(loadPaths([join(root, 'image.png')])), root)).toEqual([
      'unsupported: image.png',
    ]);
  });

  it('respects .gitignore at every level, nested files applying to their subtree', async () => {
    await writeTree(root, {
      '.gitignore': '*.log\n*.draft.md\nsecret/\n',
      'keep.md': 'k',
      'local.md': 'root local is not ignored',
      'debug.log': 'ignored',
      'secret/x.md': 'ignored folder',
      'docs/.gitignore': 'local.md\n!keep.draft.md\n',
      'docs/local.md': 'ignored by nested file',
      'docs/keep.draft.md': 're-included by nested negation',
      'docs/other.draft.md': 'ignored by root',
      'docs/sub/local.md': 'ignored: nested pattern without slash matches below',
      'other/local.md': 'not under docs',
    });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual([
      'unsupported: .gitignore',
      'unsupported: docs/.gitignore',
      'project/docs/keep.draft.md',
      'project/keep.md',
      'project/local.md',
      'project/other/local.md',
    ]);
  });

  it('loads gitignored files when respectGitignore is false', async () => {
    await writeTree(root, { '.gitignore': '*.md\n', 'a.md': 'a', 'dir/b.md': 'b' });
    const results = await collect(
      loadPaths([root], { respectGitignore: false, include: ['*.md'] }),
    );
    expect(summarize(results, root)).toEqual(['project/a.md', 'project/dir/b.md']);
  });

  it('never enters or reports always-skipped folders, even with .gitignore off', async () => {
    await writeTree(root, {
      '.git/HEAD': 'ref: refs/heads/main',
      '.git/config.md': '# not me',
      'node_modules/pkg/index.js': 'module.exports = 1',
      'node_modules/pkg/logo.png': 'png',
      'sub/node_modules/x.md': 'nested dependency',
      'sub/__pycache__/m.pyc': 'bytecode',
      '.hg/store.md': 'hg',
      'docs/a.md': 'a',
    });
    for (const respectGitignore of [true, false]) {
      const results = await collect(loadPaths([root], { respectGitignore }));
      expect(summarize(results, root)).toEqual(['project/docs/a.md']);
    }
  });

  it('walks an always-skipped folder when it is the path given', async () => {
    await writeTree(root, { 'node_modules/pkg/README.md': '# Package' });
    const results = await collect(loadPaths([join(root, 'node_modules/pkg')]));
    expect(summarize(results, root)).toEqual(['pkg/README.md']);
  });

  it('reports unsupported files that pass the filters, and only those', async () => {
    await writeTree(root, {
      '.gitignore': 'ignored.png\n',
      'a.md': 'a',
      'archive.zip': 'zip',
      'ignored.png': 'png',
      'photo.png': 'png',
      'excluded/photo.png': 'png',
    });
    const results = await collect(loadPaths([root], { exclude: ['excluded', '.gitignore'] }));
    expect(summarize(results, root)).toEqual([
      'project/a.md',
      'unsupported: archive.zip',
      'unsupported: photo.png',
    ]);
    expect(results[1]).toMatchObject({ skipped: { message: 'Unsupported file type' } });
  });

  it('filters by include and exclude globs on root-relative paths', async () => {
    await writeTree(root, {
      'README.md': 'r',
      'docs/guide.md': 'g',
      'docs/api/ref.md': 'r',
      'docs/api/internal/secret.md': 's',
      'docs/notes.txt': 'n',
      'src/index.ts': 'i',
      'src/docs/inline.md': 'i',
    });
    const load = async (include?: string[], exclude?: string[]): Promise<string[]> =>
      summarize(await collect(loadPaths([root], { include, exclude })), root);

    expect(await load(['*.md'])).toEqual([
      'project/README.md',
      'project/docs/api/internal/secret.md',
      'project/docs/api/ref.md',
      'project/docs/guide.md',
      'project/src/docs/inline.md',
    ]);
    expect(await load(['docs/**/*.md'], ['**/internal/**'])).toEqual([
      'project/docs/api/ref.md',
      'project/docs/guide.md',
    ]);
    expect(await load(['/docs/*.txt', '/README.md'])).toEqual([
      'project/README.md',
      'project/docs/notes.txt',
    ]);
    // A pattern that matches a folder covers everything below it, as in .gitignore.
    expect(await load(['/docs/a*'])).toEqual([
      'project/docs/api/internal/secret.md',
      'project/docs/api/ref.md',
    ]);
    expect(await load(undefined, ['docs', '*.md'])).toEqual(['project/src/index.ts']);
    expect(await load(['src/'])).toEqual(['project/src/docs/inline.md', 'project/src/index.ts']);
  });

  it('loads each real file once across overlapping paths, under the first path', async () => {
    await writeTree(root, { 'docs/a.md': 'a', 'docs/sub/b.md': 'b', 'c.md': 'c' });
    const results = await collect(
      loadPaths([join(root, 'docs/sub'), root, join(root, 'c.md'), join(root, 'docs')]),
    );
    expect(summarize(results, root)).toEqual(['sub/b.md', 'project/c.md', 'project/docs/a.md']);
  });

  it('yields nothing for an empty folder or an empty path list', async () => {
    await writeTree(root, { 'empty/.gitignore': '' });
    expect(await collect(loadPaths([join(root, 'empty')], { exclude: ['.gitignore'] }))).toEqual(
      [],
    );
    expect(await collect(loadPaths([]))).toEqual([]);
  });
});
