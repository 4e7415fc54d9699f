import { symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  rejectionOf,
  type TemporaryWorkspace,
  temporaryWorkspace,
} from '../../../test/engineer/tools/simple-path-guard.js';
import { ErrorCode } from '../../core/errors.js';
import { grep } from './grep-files.js';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await temporaryWorkspace();
  await workspace.put('src/user.ts', 'export class User {\n  name = "Ada";\n}\n');
  await workspace.put('src/user.test.ts', "import { User } from './user';\nnew User();\n");
  await workspace.put('README.md', '# Users\nThe user module.\n');
});

afterEach(async () => {
  await workspace.remove();
});

describe('grep', () => {
  it('returns path:line:text for every match, case-sensitive by default', async () => {
    const result = await grep(workspace.context, { pattern: 'User', limit: 50 });
    expect(result.output.split('\n')).toEqual([
      'README.md:1:# Users',
      "src/user.test.ts:1:import { User } from './user';",
      'src/user.test.ts:2:new User();',
      'src/user.ts:1:export class User {',
    ]);
    expect(result.matches[0]).toEqual({ path: 'README.md', line: 1, text: '# Users' });
    expect(result.filesSearched).toBe(3);
    expect(result.truncated).toBe(false);
  });

  it('matches case-insensitively, within a folder or file, and through a glob', async () => {
    const insensitive = await grep(workspace.context, {
      pattern: 'user module',
      caseSensitive: false,
      limit: 10,
    });
    expect(insensitive.output).toBe('README.md:2:The user module.');
    const folder = await grep(workspace.context, { pattern: 'name', path: 'src', limit: 10 });
    expect(folder.output).toBe('src/user.ts:2:  name = "Ada";');
    const file = await grep(workspace.context, {
      pattern: '^new',
      path: 'src/user.test.ts',
      limit: 10,
    });
    expect(file.output).toBe('src/user.test.ts:2:new User();');
    const globbed = await grep(workspace.context, {
      pattern: 'User',
      glob: '*.test.ts',
      limit: 10,
    });
    expect(globbed.matches.map((match) => match.path)).toEqual([
      'src/user.test.ts',
      'src/user.test.ts',
    ]);
  });

  it('supports Unicode patterns and CRLF files', async () => {
    await workspace.put('i18n.txt', 'café\r\nnaïve\r\n日本\r\n');
    const result = await grep(workspace.context, {
      pattern: '\\p{Script=Han}+$',
      path: 'i18n.txt',
      limit: 10,
    });
    expect(result.output).toBe('i18n.txt:3:日本');
    const escaped = await grep(workspace.context, {
      pattern: 'na\\-?ïve$',
      path: 'i18n.txt',
      limit: 10,
    });
    expect(escaped.output).toBe('i18n.txt:2:naïve');
  });

  it('explains an invalid regular expression and an empty or huge pattern', async () => {
    const invalid = await rejectionOf(grep(workspace.context, { pattern: 'foo(bar', limit: 10 }));
    expect(invalid.code).toBe(ErrorCode.InvalidInput);
    expect(invalid.message).toContain('not a valid JavaScript regular expression');
    expect(invalid.message).toContain('Escape special characters');
    expect(
      (await rejectionOf(grep(workspace.context, { pattern: '', limit: 10 }))).message,
    ).toContain('empty');
    expect(
      (await rejectionOf(grep(workspace.context, { pattern: 'a'.repeat(1001), limit: 10 })))
        .message,
    ).toContain('longer');
    expect((await rejectionOf(grep(workspace.context, { pattern: 'a', limit: 0 }))).code).toBe(
      ErrorCode.InvalidInput,
    );
  });

  it('skips binary files, ignored files, symbolic links and files over the size limit', async () => {
    await workspace.put('.gitignore', 'build/\n');
    await workspace.put('build/out.js', 'User\n');
    await workspace.put('logo.bin', Buffer.concat([Buffer.from('User'), Buffer.from([0, 1, 2])]));
    await symlink(join(workspace.root, 'src/user.ts'), join(workspace.root, 'link.ts'));
    const result = await grep(workspace.context, { pattern: 'class User', limit: 10 });
    expect(result.output).toBe('src/user.ts:1:export class User {');
    const small = await temporaryWorkspace({ maxFileBytes: 10 });
    try {
      await small.put('big.txt', 'User '.repeat(10));
      await small.put('tiny.txt', 'User\n');
      const limited = await grep(small.context, { pattern: 'User', limit: 10 });
      expect(limited.output).toBe(
        'tiny.txt:1:User\n[1 files over the size limit were not searched.]',
      );
      expect(limited.truncated).toBe(true);
    } finally {
      await small.remove();
    }
  });

  it('stops at the limit, cuts long lines and says when nothing matched', async () => {
    await workspace.put('many.txt', Array.from({ length: 30 }, () => 'hit').join('\n'));
    await workspace.put('wide.txt', `hit ${'x'.repeat(1000)}\n`);
    const limited = await grep(workspace.context, { pattern: 'hit', path: 'many.txt', limit: 5 });
    expect(limited.matches).toHaveLength(5);
    expect(limited.output).toContain('[Stopped at 5 matches; narrow the pattern, path or glob.]');
    const wide = await grep(workspace.context, { pattern: 'hit', path: 'wide.txt', limit: 5 });
    expect(wide.output).toContain('[line cut, 1004 characters]');
    expect(wide.output.length).toBeLessThan(400);
    const none = await grep(workspace.context, {
      pattern: 'nothing-like-this',
      glob: '*.md',
      limit: 5,
    });
    expect(none.output).toBe('No matches for /nothing-like-this/ in the workspace (*.md).');
    const noneInFolder = await grep(workspace.context, { pattern: 'zzz', path: 'src', limit: 5 });
    expect(noneInFolder.output).toBe('No matches for /zzz/ in src.');
  });

  it('notes a walk that stopped at the visited-entry limit', async () => {
    const small = await temporaryWorkspace({ maxVisitedEntries: 2 });
    try {
      for (const name of ['a', 'b', 'c']) await small.put(`${name}.txt`, 'hit\n');
      const result = await grep(small.context, { pattern: 'hit', limit: 10 });
      expect(result.matches).toHaveLength(2);
      expect(result.output).toContain('[Stopped after 2 entries; search a smaller folder.]');
    } finally {
      await small.remove();
    }
  });

  it('reports a missing path', async () => {
    expect(
      (await rejectionOf(grep(workspace.context, { pattern: 'x', path: 'nope', limit: 5 }))).code,
    ).toBe(ErrorCode.PathNotFound);
  });
});
