import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../core/errors.js';
import { parseNameStatus } from './changed-file.js';
import { assertCheckpointId, isCheckpointId } from './checkpoint-id.js';
import { checkpointStoreDirectory } from './checkpoint-store-directory.js';

describe('checkpoint ids', () => {
  it('accepts full SHA-1 and SHA-256 hashes only', () => {
    expect(isCheckpointId('a'.repeat(40))).toBe(true);
    expect(isCheckpointId('0123456789abcdef'.repeat(4))).toBe(true);
    for (const bad of [
      'a'.repeat(39),
      'a'.repeat(41),
      'g'.repeat(40),
      'A'.repeat(40),
      'HEAD',
      42,
      null,
    ]) {
      expect(isCheckpointId(bad)).toBe(false);
    }
  });

  it('throws InvalidInput with the offending value shortened', () => {
    expect(assertCheckpointId('b'.repeat(64))).toBe('b'.repeat(64));
    expect(() => assertCheckpointId('x'.repeat(500))).toThrow(/Invalid checkpoint id "x{80}"/);
    try {
      assertCheckpointId(undefined);
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCode.InvalidInput);
      expect((error as Error).message).toContain('undefined');
    }
  });
});

describe('parseNameStatus', () => {
  it('reads added, modified, deleted and type-changed paths with any characters', () => {
    const output = ['A', 'new file.ts', 'M', 'dir/é.md', 'D', 'gone', 'T', 'link', ''].join('\0');
    expect(parseNameStatus(output)).toEqual([
      { path: 'new file.ts', change: 'added' },
      { path: 'dir/é.md', change: 'modified' },
      { path: 'gone', change: 'deleted' },
      { path: 'link', change: 'modified' },
    ]);
    expect(parseNameStatus('')).toEqual([]);
  });
});

describe('checkpointStoreDirectory', () => {
  it('names one folder per real workspace path under <home>/checkpoints', async () => {
    const root = await mkdtemp(join(tmpdir(), 'archon-store-name-'));
    try {
      const home = join(root, 'home');
      const direct = checkpointStoreDirectory(home, root);
      expect(direct).toMatch(new RegExp(`^${home}/checkpoints/[0-9a-f]{24}$`));
      await symlink(root, join(root, '..', `${root.split('/').pop() ?? ''}-link`));
      const viaLink = checkpointStoreDirectory(home, `${root}-link`);
      expect(viaLink).toBe(direct);
      expect(checkpointStoreDirectory(home, join(root, 'missing'))).not.toBe(direct);
      await rm(`${root}-link`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
