import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { cutLine, looksBinary, readTextFile, splitLines } from './text-file.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archon-text-file-'));
});

afterEach(async () => {
  await chmod(join(root, 'locked.txt'), 0o644).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

describe('readTextFile', () => {
  it('refuses a symbolic link at the final name, which the guard never returns', async () => {
    await writeFile(join(root, 'target.txt'), 'x');
    await symlink(join(root, 'target.txt'), join(root, 'link.txt'));
    const error = await rejectionOf(readTextFile(join(root, 'link.txt'), 'link.txt', 100));
    expect(error.code).toBe(ErrorCode.WorkspaceViolation);
  });

  it('reports a path through a file as missing, and a folder as a folder', async () => {
    await writeFile(join(root, 'file.txt'), 'x');
    expect(
      (await rejectionOf(readTextFile(join(root, 'file.txt', 'inner'), 'file.txt/inner', 100)))
        .code,
    ).toBe(ErrorCode.PathNotFound);
    await mkdir(join(root, 'folder'));
    expect(
      (await rejectionOf(readTextFile(join(root, 'folder'), 'folder', 100))).message,
    ).toContain('is a folder');
  });

  it('strips a byte order mark and reads only the first bytes of a big file', async () => {
    await writeFile(join(root, 'big.txt'), `\uFEFF${'a'.repeat(100)}`);
    const file = await readTextFile(join(root, 'big.txt'), 'big.txt', 13);
    expect(file).toEqual({ text: 'a'.repeat(10), hasByteOrderMark: true, size: 103, cut: true });
  });
});

describe('text helpers', () => {
  it('detects NUL bytes in the first 8,000 bytes only', () => {
    expect(looksBinary(Buffer.from('plain text'))).toBe(false);
    expect(looksBinary(Buffer.from([65, 0, 66]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(8000, 65), Buffer.from([0])]))).toBe(false);
  });

  it('splits lines on LF and CRLF without an empty last line', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
  });

  it('cuts long lines with a note', () => {
    expect(cutLine('abc', 3)).toBe('abc');
    expect(cutLine('abcdef', 3)).toBe('abc … [line cut, 6 characters]');
  });
});
