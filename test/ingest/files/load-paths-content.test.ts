import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { defaultMaxFileBytes, loadPaths } from '../../../src/knowledge/ingest/files/index.js';
import type { LoadResult } from '../../../src/knowledge/ingest/loaded-document.js';
import { collect, createTempFolder, summarize, type TempFolder, writeTree } from './file-tree.js';

let temp: TempFolder;
let root: string;

beforeEach(async () => {
  temp = await createTempFolder();
  root = join(temp.path, 'project');
});
afterEach(() => temp.remove());

async function loadOne(name: string, content: string | Uint8Array): Promise<LoadResult> {
  await writeTree(root, { [name]: content });
  const results = await collect(loadPaths([join(root, name)]));
  expect(results).toHaveLength(1);
  return results[0] as LoadResult;
}

describe('loadPaths reading file content', () => {
  it('hashes and sizes the raw bytes, and normalizes CRLF in the text', async () => {
    const raw = Buffer.from('# Title\r\n\r\nLine one\r\nLine two\r\n');
    const result = await loadOne('crlf.md', raw);
    expect(result).toEqual({
      kind: 'document',
      document: {
        uri: 'crlf.md',
        location: join(root, 'crlf.md'),
        title: 'Title',
        language: 'markdown',
        format: 'markdown',
        text: '# Title\n\nLine one\nLine two\n',
        contentHash: createHash('sha256').update(raw).digest('hex'),
        bytes: raw.length,
      },
    });
  });

  it('stops at the hash for files the caller knows unchanged, HTML included', async () => {
    const page = Buffer.from(
      '<html><head><title>Kept</title></head><body><h1>Kept</h1></body></html>',
    );
    const note = Buffer.from('# Note\n\nEdited.\n');
    await writeTree(root, { 'page.html': page, 'note.md': note });
    const asked: string[] = [];
    const pageHash = createHash('sha256').update(page).digest('hex');
    const results = await collect(
      loadPaths([root], {
        isUnchanged: (uri, contentHash) => {
          asked.push(uri);
          return uri === 'project/page.html' && contentHash === pageHash;
        },
      }),
    );
    expect(asked.sort()).toEqual(['project/note.md', 'project/page.html']);
    expect(results).toContainEqual({
      kind: 'unchanged',
      unchanged: {
        uri: 'project/page.html',
        location: join(root, 'page.html'),
        contentHash: pageHash,
        bytes: page.length,
      },
    });
    expect(summarize(results, temp.path)).toEqual([
      'project/note.md',
      'unchanged: project/page.html',
    ]);
  });

  it('strips a UTF-8 byte order mark from the text but not from the hash', async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Bom Title\n')]);
    const result = await loadOne('bom.md', raw);
    expect(result).toMatchObject({
      document: { text: '# Bom Title\n', title: 'Bom Title', bytes: raw.length },
    });
    expect(result.kind === 'document' && result.document.contentHash).toBe(
      createHash('sha256').update(raw).digest('hex'),
    );
  });

  it('decodes UTF-16 with a byte order mark', async () => {
    const raw = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('hello\r\nworld', 'utf16le'),
    ]);
    expect(await loadOne('wide.txt', raw)).toMatchObject({
      document: { text: 'hello\nworld', language: 'text', format: 'text', title: 'wide.txt' },
    });
  });

  it('skips binary content', async () => {
    const raw = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]);
    expect(await loadOne('fake.md', raw)).toEqual({
      kind: 'skipped',
      skipped: {
        location: join(root, 'fake.md'),
        reason: 'binary',
        message: 'File content is binary',
      },
    });
  });

  it('skips text that is not valid UTF-8', async () => {
    expect(
      await loadOne('latin1.txt', Buffer.from('caf\u00e9 cr\u00e8me', 'latin1')),
    ).toMatchObject({
      kind: 'skipped',
      skipped: { reason: 'undecodable', message: 'File content is not valid UTF-8' },
    });
  });

  it('skips files over the default limit of 2 MiB, and loads one exactly at it', async () => {
    expect(defaultMaxFileBytes).toBe(2 * 1024 * 1024);
    await writeTree(root, {
      'at-limit.txt': 'a'.repeat(defaultMaxFileBytes),
      'over-limit.txt': 'a'.repeat(defaultMaxFileBytes + 1),
    });
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual(['project/at-limit.txt', 'too-large: over-limit.txt']);
    expect(results[1]).toMatchObject({
      skipped: {
        message: `File is ${defaultMaxFileBytes + 1} bytes, over the limit of 2097152 bytes`,
      },
    });
  });

  it('checks the size before reading: a sparse 3 GiB file is too large, not unreadable', async () => {
    await writeTree(root, { 'huge.md': '' });
    await truncate(join(root, 'huge.md'), 3 * 1024 ** 3);
    const results = await collect(loadPaths([root]));
    expect(results).toMatchObject([{ skipped: { reason: 'too-large' } }]);
  });

  it('honours a custom maxFileBytes', async () => {
    await writeTree(root, { 'small.md': '12345', 'big.md': '123456' });
    const results = await collect(loadPaths([root], { maxFileBytes: 5 }));
    expect(summarize(results, root)).toEqual(['too-large: big.md', 'project/small.md']);
  });

  it('converts HTML to Markdown and takes its title', async () => {
    const html =
      '<html><head><title>Html Title</title></head><body><main><h1>Heading</h1><p>Some <strong>bold</strong> text.</p></main></body></html>';
    const result = await loadOne('page.html', html);
    expect(result).toMatchObject({
      document: { title: 'Html Title', language: 'html', format: 'markdown', bytes: html.length },
    });
    const text = result.kind === 'document' ? result.document.text : '';
    expect(text).toContain('# Heading');
    expect(text).toContain('**bold**');
    expect(text).not.toContain('<p>');
  });

  it('titles untitled HTML by its file name', async () => {
    expect(await loadOne('bare.htm', '<p>Just text</p>')).toMatchObject({
      document: { title: 'bare.htm', text: 'Just text' },
    });
  });

  it('reads code, data and plain-text files with their language and the file name as title', async () => {
    await writeTree(root, {
      Dockerfile: 'FROM node:20\n',
      README: 'Read me\n',
      'config.yaml': 'title: Not A Document Title\n',
      'data.json': '{"a": 1}',
      'main.py': '# Not a title\nprint(1)\n',
      'app.tsx': 'export const App = () => null;\n',
      'Cargo.toml': '[package]\n',
      'guide.adoc': '= Adoc Title\n',
    });
    const results = await collect(loadPaths([root]));
    const view = results.map((result) =>
      result.kind === 'document'
        ? [
            result.document.uri,
            result.document.language,
            result.document.format,
            result.document.title,
          ]
        : result.kind === 'skipped'
          ? result.skipped.reason
          : 'unchanged',
    );
    expect(view).toEqual([
      ['project/Cargo.toml', 'toml', 'text', 'Cargo.toml'],
      ['project/Dockerfile', 'dockerfile', 'code', 'Dockerfile'],
      ['project/README', 'text', 'text', 'README'],
      ['project/app.tsx', 'typescript', 'code', 'app.tsx'],
      ['project/config.yaml', 'yaml', 'text', 'config.yaml'],
      ['project/data.json', 'json', 'text', 'data.json'],
      ['project/guide.adoc', 'asciidoc', 'text', 'Adoc Title'],
      ['project/main.py', 'python', 'code', 'main.py'],
    ]);
  });

  it('loads an empty file as an empty document', async () => {
    expect(await loadOne('empty.md', '')).toMatchObject({
      document: { text: '', bytes: 0, title: 'empty.md' },
    });
  });

  it('reports a named pipe as not a regular file without opening it', async () => {
    await writeTree(root, { 'a.md': 'a' });
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual(['project/a.md', 'unsupported: pipe.md']);
    expect(results[1]).toMatchObject({ skipped: { message: 'Not a regular file' } });
  });

  it('keeps walk order while reading ahead over many files', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 60; index += 1) {
      files[`f${String(index).padStart(3, '0')}.md`] = `# Doc ${index}\n${'x'.repeat(index * 100)}`;
    }
    await writeTree(root, files);
    await writeFile(join(root, 'f030.md'), Buffer.from([0, 1, 2]));
    const results = await collect(loadPaths([root]));
    expect(summarize(results, root)).toEqual(
      Object.keys(files).map((name) =>
        name === 'f030.md' ? 'binary: f030.md' : `project/${name}`,
      ),
    );
  });
});
