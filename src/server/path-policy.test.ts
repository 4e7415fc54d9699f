import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PathPolicy } from './path-policy.js';

describe('PathPolicy', () => {
  const root = mkdtempSync(join(tmpdir(), 'archon-paths-'));
  const allowed = join(root, 'allowed');
  const outside = join(root, 'outside');
  mkdirSync(join(allowed, 'repo'), { recursive: true });
  mkdirSync(outside);
  symlinkSync(outside, join(allowed, 'escape'));

  it('accepts any absolute path without roots, and canonicalises it', () => {
    const policy = new PathPolicy(undefined);
    expect(policy.check(join(allowed, 'repo', '..', 'repo'), 'the workspace')).toMatch(
      /allowed[/\\]repo$/,
    );
    expect(policy.check('/no/such/place', 'the workspace')).toBe('/no/such/place');
  });

  it('refuses relative paths and NUL characters', () => {
    const policy = new PathPolicy(undefined);
    expect(() => policy.check('repo', 'the workspace')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'the workspace must be an absolute path on the server',
      }),
    );
    expect(() => policy.check('/tmp/a\0b', 'an ingest path')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('keeps paths inside the roots, also through symbolic links', () => {
    const policy = new PathPolicy([allowed]);
    expect(policy.check(allowed, 'the workspace')).toMatch(/allowed$/);
    expect(policy.check(join(allowed, 'repo'), 'the workspace')).toMatch(/repo$/);
    expect(policy.check(join(allowed, 'not-yet'), 'the workspace')).toMatch(/not-yet$/);
    for (const path of [
      outside,
      join(allowed, '..', 'outside'),
      join(allowed, 'escape'),
      `${allowed}-sibling`,
      '/',
    ]) {
      expect(() => policy.check(path, 'the workspace')).toThrow(
        expect.objectContaining({ code: 'WORKSPACE_VIOLATION' }),
      );
    }
  });
});
