import { readFile as readBytes } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  rejectionOf,
  type TemporaryWorkspace,
  temporaryWorkspace,
} from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { editFile } from './edit-file.js';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await temporaryWorkspace();
});

afterEach(async () => {
  await workspace.remove();
});

const content = (path: string) => readBytes(join(workspace.root, path), 'utf8');

const service = [
  'export function add(left: number, right: number): number {',
  '  return left + right;',
  '}',
  '',
  'export function subtract(left: number, right: number): number {',
  '  return left - right;',
  '}',
  '',
].join('\n');

describe('editFile', () => {
  it('replaces one exact unique occurrence and shows the edited region', async () => {
    await workspace.put('src/math.ts', service);
    const result = await editFile(workspace.context, {
      path: 'src/math.ts',
      oldText: '  return left - right;',
      newText: '  const difference = left - right;\n  return difference;',
    });
    expect(await content('src/math.ts')).toBe(
      service.replace(
        '  return left - right;',
        '  const difference = left - right;\n  return difference;',
      ),
    );
    expect(result).toMatchObject({
      path: 'src/math.ts',
      replacements: 1,
      firstLine: 6,
      isTestFile: false,
      created: false,
    });
    expect(result.output).toContain('Edited src/math.ts: replaced 1 occurrence at line 6.');
    expect(result.output).toContain(
      '\n6\t  const difference = left - right;\n7\t  return difference;\n',
    );
    expect(result.output).not.toContain('test file');
  });

  it('keeps CRLF line endings, the byte order mark and the final newline', async () => {
    await workspace.put('win.cs', '\uFEFFclass A\r\n{\r\n    int x = 1;\r\n}\r\n');
    await editFile(workspace.context, {
      path: 'win.cs',
      oldText: '{\n    int x = 1;\n}\n',
      newText: '{\n    int x = 2;\n    int y = 3;\n}',
    });
    expect(await content('win.cs')).toBe(
      '\uFEFFclass A\r\n{\r\n    int x = 2;\r\n    int y = 3;\r\n}\r\n',
    );
  });

  it('matches CRLF text the model copied into an LF file, and keeps a missing final newline missing', async () => {
    await workspace.put('unix.txt', 'alpha\nbeta\ngamma');
    await editFile(workspace.context, {
      path: 'unix.txt',
      oldText: 'beta\r\ngamma',
      newText: 'beta\r\nDELTA',
    });
    expect(await content('unix.txt')).toBe('alpha\nbeta\nDELTA');
  });

  it('matches LF text inside the CRLF part of a mixed file', async () => {
    await workspace.put('mixed.txt', 'one\r\ntwo\r\nthree\nfour\n');
    await editFile(workspace.context, {
      path: 'mixed.txt',
      oldText: 'one\ntwo',
      newText: 'ONE\nTWO',
    });
    expect(await content('mixed.txt')).toBe('ONE\r\nTWO\r\nthree\nfour\n');
  });

  it('edits Unicode text', async () => {
    await workspace.put('i18n.md', '# Café ☕\nnaïve 日本語 😀\n');
    await editFile(workspace.context, {
      path: 'i18n.md',
      oldText: '日本語 😀',
      newText: '中文 🎉',
    });
    expect(await content('i18n.md')).toBe('# Café ☕\nnaïve 中文 🎉\n');
  });

  it('answers a missing match with the closest lines and their numbers, changing nothing', async () => {
    await workspace.put('src/math.ts', service);
    const error = await rejectionOf(
      editFile(workspace.context, {
        path: 'src/math.ts',
        oldText: 'export function subtract(a: number, b: number): number {\n  return a - b;\n}',
        newText: 'x',
      }),
    );
    expect(error.code).toBe(ErrorCode.InvalidInput);
    expect(error.details).toMatchObject({ path: 'src/math.ts', reason: 'no-match' });
    expect(error.message).toContain('oldText was not found in src/math.ts.');
    expect(error.message).toMatch(/The most similar text is at lines 5-7 \(\d+% similar\):/);
    expect(error.message).toContain(
      '5\texport function subtract(left: number, right: number): number {',
    );
    expect(error.message).toContain('7\t}');
    expect(error.message).not.toContain('return left + right');
    expect(await content('src/math.ts')).toBe(service);
  });

  it('says when the only difference is whitespace or indentation', async () => {
    await workspace.put('src/math.ts', service);
    const error = await rejectionOf(
      editFile(workspace.context, {
        path: 'src/math.ts',
        oldText: '    return left + right;\n}',
        newText: 'x',
      }),
    );
    expect(error.message).toContain(
      'The text at lines 2-3 differs from oldText only in whitespace or indentation:',
    );
  });

  it('says when nothing in the file is similar', async () => {
    await workspace.put('a.txt', 'completely unrelated content\n');
    const error = await rejectionOf(
      editFile(workspace.context, { path: 'a.txt', oldText: 'zq#@!', newText: 'x' }),
    );
    expect(error.message).toBe(
      'oldText was not found in a.txt. Nothing in the file is similar; read the file to see its current content.',
    );
  });

  it('answers several matches with their count and locations, and replaces all with replaceAll', async () => {
    await workspace.put('src/math.ts', service);
    const error = await rejectionOf(
      editFile(workspace.context, {
        path: 'src/math.ts',
        oldText: 'left: number, right: number',
        newText: 'a: number, b: number',
      }),
    );
    expect(error.details).toMatchObject({ reason: 'several-matches', matches: 2 });
    expect(error.message).toContain('oldText occurs 2 times in src/math.ts (at lines 1, 5).');
    expect(error.message).toContain('Match 1:\n1\texport function add');
    expect(error.message).toContain('Match 2:\n4\t\n5\texport function subtract');
    expect(await content('src/math.ts')).toBe(service);

    const result = await editFile(workspace.context, {
      path: 'src/math.ts',
      oldText: 'left: number, right: number',
      newText: 'a: number, b: number',
      replaceAll: true,
    });
    expect(result.replacements).toBe(2);
    expect(result.output).toBe('Edited src/math.ts: replaced 2 occurrences, the first at line 1.');
    expect((await content('src/math.ts')).match(/a: number, b: number/g)).toHaveLength(2);
  });

  it('lists at most ten locations of a very common text', async () => {
    await workspace.put('many.txt', 'x = 1;\n'.repeat(14));
    const error = await rejectionOf(
      editFile(workspace.context, { path: 'many.txt', oldText: 'x = 1;', newText: 'x = 2;' }),
    );
    expect(error.message).toContain('occurs 14 times');
    expect(error.message).toContain('Match 10:');
    expect(error.message).not.toContain('Match 11:');
    expect(error.message).toContain('[4 more matches not shown.]');
  });

  it('reports edits to test files', async () => {
    await workspace.put('src/math.test.ts', 'expect(add(1, 2)).toBe(3);\n');
    const result = await editFile(workspace.context, {
      path: 'src/math.test.ts',
      oldText: 'toBe(3)',
      newText: 'toBe(4)',
    });
    expect(result.isTestFile).toBe(true);
    expect(result.output).toContain(
      'Note: src/math.test.ts is a test file; this change is reported.',
    );
  });

  it('keeps the final newline when newText drops it, and allows emptying a file', async () => {
    await workspace.put('a.txt', 'first\nlast\n');
    await editFile(workspace.context, { path: 'a.txt', oldText: 'last\n', newText: 'final' });
    expect(await content('a.txt')).toBe('first\nfinal\n');
    await editFile(workspace.context, { path: 'a.txt', oldText: 'first\nfinal\n', newText: '' });
    expect(await content('a.txt')).toBe('');
  });

  it('refuses empty or unchanged text, missing, binary, oversized and out-of-workspace files', async () => {
    await workspace.put('a.txt', 'abc\n');
    await workspace.put('b.bin', Buffer.from([97, 0, 98]));
    expect(
      (await rejectionOf(editFile(workspace.context, { path: 'a.txt', oldText: '', newText: 'x' })))
        .message,
    ).toContain('use writeFile');
    expect(
      (
        await rejectionOf(
          editFile(workspace.context, { path: 'a.txt', oldText: 'abc', newText: 'abc' }),
        )
      ).message,
    ).toContain('nothing would change');
    expect(
      (
        await rejectionOf(
          editFile(workspace.context, { path: 'nope.txt', oldText: 'a', newText: 'b' }),
        )
      ).code,
    ).toBe(ErrorCode.PathNotFound);
    expect(
      (
        await rejectionOf(
          editFile(workspace.context, { path: 'b.bin', oldText: 'a', newText: 'b' }),
        )
      ).message,
    ).toContain('binary');
    expect(
      (
        await rejectionOf(
          editFile(workspace.context, { path: '../x.txt', oldText: 'a', newText: 'b' }),
        )
      ).code,
    ).toBe(ErrorCode.InvalidInput);
    const small = await temporaryWorkspace({ maxFileBytes: 3 });
    try {
      await small.put('a.txt', 'abcdef\n');
      expect(
        (await rejectionOf(editFile(small.context, { path: 'a.txt', oldText: 'a', newText: 'b' })))
          .message,
      ).toContain('edit limit');
    } finally {
      await small.remove();
    }
  });

  it('finds the closest lines in a big file', async () => {
    const lines = Array.from(
      { length: 50_000 },
      (_, index) => `const value${index} = compute(${index});`,
    );
    await workspace.put('big.ts', `${lines.join('\n')}\n`);
    const error = await rejectionOf(
      editFile(workspace.context, {
        path: 'big.ts',
        oldText: 'const value31415 = compute(31415) ;\nconst value31416 = compute(31416);',
        newText: 'x',
      }),
    );
    expect(error.message).toContain('lines 31416-31417');
  });
});
