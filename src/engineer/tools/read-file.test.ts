import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  rejectionOf,
  type TemporaryWorkspace,
  temporaryWorkspace,
} from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { readFile } from './read-file.js';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await temporaryWorkspace();
});

afterEach(async () => {
  await workspace.remove();
});

const numbered = (count: number) =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

describe('readFile', () => {
  it('numbers every line of a small file, with aligned numbers', async () => {
    await workspace.put('src/a.ts', numbered(10));
    const result = await readFile(workspace.context, { path: 'src/a.ts' });
    expect(result.output.split('\n')[0]).toBe(' 1\tline 1');
    expect(result.output.split('\n')[9]).toBe('10\tline 10');
    expect(result).toMatchObject({
      path: 'src/a.ts',
      startLine: 1,
      endLine: 10,
      totalLines: 10,
      truncated: false,
    });
  });

  it('reads a line range', async () => {
    await workspace.put('a.txt', numbered(100));
    const result = await readFile(workspace.context, { path: 'a.txt', startLine: 40, endLine: 42 });
    expect(result.output).toBe('40\tline 40\n41\tline 41\n42\tline 42');
    const tail = await readFile(workspace.context, { path: 'a.txt', startLine: 99, endLine: 500 });
    expect(tail.output).toBe(' 99\tline 99\n100\tline 100');
    expect(tail.truncated).toBe(false);
  });

  it('shows CRLF files and Unicode without carriage returns or byte order mark', async () => {
    await workspace.put('win.txt', '\uFEFFcafé ☕\r\n日本語\r\n😀 emoji\r\n');
    const result = await readFile(workspace.context, { path: 'win.txt' });
    expect(result.output).toBe('1\tcafé ☕\n2\t日本語\n3\t😀 emoji');
  });

  it('cuts long files at the line limit and says how to read on', async () => {
    const small = await temporaryWorkspace({ maxReadLines: 5 });
    try {
      await small.put('long.txt', numbered(12));
      const result = await readFile(small.context, { path: 'long.txt' });
      expect(result.endLine).toBe(5);
      expect(result.truncated).toBe(true);
      expect(result.output).toContain('[Showing lines 1-5 of 12. Read on with startLine=6.]');
      const next = await readFile(small.context, { path: 'long.txt', startLine: 6 });
      expect(next.output.split('\n')[0]).toBe(' 6\tline 6');
    } finally {
      await small.remove();
    }
  });

  it('cuts at the output budget, cuts long lines and notes a file over the byte limit', async () => {
    const small = await temporaryWorkspace({
      maxOutputCharacters: 40,
      maxLineLength: 10,
      maxFileBytes: 70,
    });
    try {
      await small.put('wide.txt', `${'x'.repeat(50)}\nshort\n${'y'.repeat(30)}\nmore\nmore\n`);
      const result = await readFile(small.context, { path: 'wide.txt' });
      expect(result.output.split('\n')[0]).toBe(`1\t${'x'.repeat(10)} … [line cut, 50 characters]`);
      expect(result.truncated).toBe(true);
      expect(result.output).toContain('Read on with startLine=');
      expect(result.output).toContain('only the first 70 were read');
    } finally {
      await small.remove();
    }
  });

  it('handles a big file quickly enough and reads its end by range', async () => {
    await workspace.put('big.txt', numbered(200_000));
    const result = await readFile(workspace.context, { path: 'big.txt', startLine: 199_999 });
    expect(result.output).toBe('199999\tline 199999\n200000\tline 200000');
    expect(result.totalLines).toBe(200_000);
  });

  it('says when a file is empty', async () => {
    await workspace.put('empty.txt', '');
    const result = await readFile(workspace.context, { path: 'empty.txt' });
    expect(result.output).toBe('(empty.txt is empty)');
    expect(result.totalLines).toBe(0);
  });

  it('refuses folders, binary files, missing files and bad ranges with guidance', async () => {
    await workspace.put('dir/a.txt', 'a\n');
    await workspace.put('image.png', Buffer.from([137, 80, 78, 71, 0, 0, 0, 13]));
    await workspace.put('three.txt', 'a\nb\nc\n');
    const folder = await rejectionOf(readFile(workspace.context, { path: 'dir' }));
    expect(folder.message).toBe('dir is a folder; use listFiles to see its files.');
    const binary = await rejectionOf(readFile(workspace.context, { path: 'image.png' }));
    expect(binary.message).toContain('binary file (8 bytes)');
    expect((await rejectionOf(readFile(workspace.context, { path: 'missing.txt' }))).code).toBe(
      ErrorCode.PathNotFound,
    );
    const past = await rejectionOf(
      readFile(workspace.context, { path: 'three.txt', startLine: 9 }),
    );
    expect(past.message).toBe('startLine 9 is past the end of three.txt, which has 3 lines.');
    const reversed = await rejectionOf(
      readFile(workspace.context, { path: 'three.txt', startLine: 3, endLine: 2 }),
    );
    expect(reversed.message).toBe('endLine (2) is before startLine (3).');
    for (const startLine of [0, -1, 1.5]) {
      expect(
        (await rejectionOf(readFile(workspace.context, { path: 'three.txt', startLine }))).code,
      ).toBe(ErrorCode.InvalidInput);
    }
    expect((await rejectionOf(readFile(workspace.context, { path: '../outside.txt' }))).code).toBe(
      ErrorCode.InvalidInput,
    );
  });
});
