import { describe, expect, it } from 'vitest';

import { ArchonError } from '../../../core/errors.js';
import { createPathFilter } from './path-filters.js';

describe('createPathFilter', () => {
  it('accepts every file without patterns', () => {
    const filter = createPathFilter();
    expect(filter.acceptsFile('a/b/c.bin')).toBe(true);
    expect(filter.excludesDirectory('a')).toBe(false);
  });

  it('matches a pattern without a slash at any depth', () => {
    const filter = createPathFilter(['*.md']);
    expect(filter.acceptsFile('README.md')).toBe(true);
    expect(filter.acceptsFile('docs/deep/guide.md')).toBe(true);
    expect(filter.acceptsFile('.github/notes.md')).toBe(true);
    expect(filter.acceptsFile('docs/guide.txt')).toBe(false);
  });

  it('anchors patterns with a slash or a leading slash to the root', () => {
    const filter = createPathFilter(['docs/*.md', '/top.txt']);
    expect(filter.acceptsFile('docs/a.md')).toBe(true);
    expect(filter.acceptsFile('x/docs/a.md')).toBe(false);
    expect(filter.acceptsFile('docs/sub/a.md')).toBe(false);
    expect(filter.acceptsFile('top.txt')).toBe(true);
    expect(filter.acceptsFile('sub/top.txt')).toBe(false);
  });

  it('supports ** and treats a matched folder as covering its contents', () => {
    const filter = createPathFilter(['docs/**/*.md', 'guides', './notes/']);
    expect(filter.acceptsFile('docs/a/b/c.md')).toBe(true);
    expect(filter.acceptsFile('docs/c.md')).toBe(true);
    expect(filter.acceptsFile('x/guides/one.txt')).toBe(true);
    expect(filter.acceptsFile('notes/n.txt')).toBe(true);
    expect(filter.acceptsFile('other/n.txt')).toBe(false);
  });

  it('lets exclude win over include and prune directories', () => {
    const filter = createPathFilter(['*.md'], ['drafts/', 'docs/private/**', '*.tmp.md']);
    expect(filter.acceptsFile('docs/a.md')).toBe(true);
    expect(filter.acceptsFile('drafts/a.md')).toBe(false);
    expect(filter.acceptsFile('docs/x.tmp.md')).toBe(false);
    expect(filter.excludesDirectory('drafts')).toBe(true);
    expect(filter.excludesDirectory('deep/drafts')).toBe(true);
    expect(filter.excludesDirectory('docs/private')).toBe(true);
    expect(filter.excludesDirectory('docs')).toBe(false);
  });

  it.each([[''], ['   '], ['/'], ['./']])(
    'rejects the pattern %j with INVALID_INPUT',
    (pattern) => {
      const attempt = (): unknown => createPathFilter([pattern]);
      expect(attempt).toThrow(ArchonError);
      expect(attempt).toThrow(/include pattern/);
      expect(() => createPathFilter([], [pattern])).toThrow(/exclude pattern/);
    },
  );

  it('rejects a pattern that is not a string', () => {
    expect(() => createPathFilter([42 as unknown as string])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
