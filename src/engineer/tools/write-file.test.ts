import { readFile as readBytes } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  rejectionOf,
  type TemporaryWorkspace,
  temporaryWorkspace,
} from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { writeFile } from './write-file.js';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await temporaryWorkspace();
});

afterEach(async () => {
  await workspace.remove();
});

const content = (path: string) => readBytes(join(workspace.root, path), 'utf8');

describe('writeFile', () => {
  it('creates a file and its missing parent folders', async () => {
    const result = await writeFile(workspace.context, {
      path: 'src/deep/new/module.ts',
      content: 'export const a = 1;\n',
    });
    expect(await content('src/deep/new/module.ts')).toBe('export const a = 1;\n');
    expect(result).toMatchObject({
      path: 'src/deep/new/module.ts',
      created: true,
      isTestFile: false,
      bytes: 20,
    });
    expect(result.output).toBe('Created src/deep/new/module.ts (1 line).');
  });

  it('replaces a file whole and keeps a CRLF file CRLF', async () => {
    await workspace.put('win.txt', 'old\r\nlines\r\n');
    const result = await writeFile(workspace.context, {
      path: 'win.txt',
      content: 'new\nlines\nhere\n',
    });
    expect(await content('win.txt')).toBe('new\r\nlines\r\nhere\r\n');
    expect(result.created).toBe(false);
    expect(result.output).toBe('Replaced win.txt (3 lines, CRLF line endings kept).');
    await workspace.put('unix.txt', 'old\n');
    await writeFile(workspace.context, { path: 'unix.txt', content: 'a\nb\n' });
    expect(await content('unix.txt')).toBe('a\nb\n');
  });

  it('writes Unicode and reports test files', async () => {
    const result = await writeFile(workspace.context, {
      path: 'tests/test_café.py',
      content: 'def test_ok():\n    assert "☕"\n',
    });
    expect(await content('tests/test_café.py')).toContain('☕');
    expect(result.isTestFile).toBe(true);
    expect(result.output).toContain(
      'Note: tests/test_café.py is a test file; this change is reported.',
    );
  });

  it('refuses folders, oversized content and paths the guard refuses', async () => {
    await workspace.put('dir/a.txt', 'a');
    expect(
      (await rejectionOf(writeFile(workspace.context, { path: 'dir', content: 'x' }))).message,
    ).toBe('dir is a folder; give a file path.');
    expect(
      (await rejectionOf(writeFile(workspace.context, { path: '/etc/passwd', content: 'x' }))).code,
    ).toBe(ErrorCode.InvalidInput);
    expect(
      (await rejectionOf(writeFile(workspace.context, { path: '.git/config', content: 'x' })))
        .message,
    ).toContain('read-only');
    const small = await temporaryWorkspace({ maxWriteBytes: 4 });
    try {
      const error = await rejectionOf(writeFile(small.context, { path: 'a.txt', content: 'ééé' }));
      expect(error.message).toBe('content is 6 bytes, over the 4-byte write limit.');
    } finally {
      await small.remove();
    }
  });
});
