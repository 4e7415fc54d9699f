import { describe, expect, it } from 'vitest';

import { GitignoreRules } from './gitignore-rules.js';

describe('GitignoreRules', () => {
  it('ignores nothing without a .gitignore', () => {
    expect(GitignoreRules.empty().ignores('anything.md', false)).toBe(false);
  });

  it('matches root patterns at any depth and directory-only patterns only on directories', () => {
    const rules = GitignoreRules.empty().withFile('', '*.log\nbuild/\n# comment\n');
    expect(rules.ignores('debug.log', false)).toBe(true);
    expect(rules.ignores('deep/er/debug.log', false)).toBe(true);
    expect(rules.ignores('build', true)).toBe(true);
    expect(rules.ignores('build', false)).toBe(false);
    expect(rules.ignores('readme.md', false)).toBe(false);
  });

  it('applies a nested .gitignore relative to its own directory only', () => {
    const rules = GitignoreRules.empty().withFile('', '*.log').withFile('docs', '/draft.md');
    expect(rules.ignores('docs/draft.md', false)).toBe(true);
    expect(rules.ignores('docs/sub/draft.md', false)).toBe(false);
    expect(rules.ignores('docs/x.log', false)).toBe(true);
  });

  it('lets a deeper negation re-include what a shallower file ignores', () => {
    const rules = GitignoreRules.empty().withFile('', '*.md').withFile('docs', '!keep.md');
    expect(rules.ignores('docs/keep.md', false)).toBe(false);
    expect(rules.ignores('docs/other.md', false)).toBe(true);
    expect(rules.ignores('keep.md', false)).toBe(true);
  });

  it('lets a deeper pattern ignore what a shallower file re-includes', () => {
    const rules = GitignoreRules.empty().withFile('', '*.md\n!a.md').withFile('x', 'a.md');
    expect(rules.ignores('a.md', false)).toBe(false);
    expect(rules.ignores('x/a.md', false)).toBe(true);
  });

  it('is case sensitive, like git on Linux', () => {
    const rules = GitignoreRules.empty().withFile('', 'Secret.md');
    expect(rules.ignores('secret.md', false)).toBe(false);
    expect(rules.ignores('Secret.md', false)).toBe(true);
  });

  it('leaves the rules it extends unchanged', () => {
    const base = GitignoreRules.empty().withFile('', 'a.md');
    base.withFile('sub', 'b.md');
    expect(base.ignores('sub/b.md', false)).toBe(false);
  });
});
