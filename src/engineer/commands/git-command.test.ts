import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './command-parser.js';
import { analyzeGit } from './git-command.js';

const git = (text: string) => analyzeGit(parseCommandLine(text)[0]!.words);

describe('analyzeGit', () => {
  it('finds the subcommand after global options', () => {
    expect(git('git -C src --no-pager -c a=b log -1')).toMatchObject({
      subcommand: 'log',
      subcommandIndex: 6,
    });
    expect(git('git --git-dir=.git status').subcommand).toBe('status');
    expect(git('git').subcommand).toBeUndefined();
  });

  it.each([
    ['git push', 'publishes'],
    ['git clean -n', 'untracked'],
    ['git filter-repo --path x', 'rewrites history'],
    ['git reset --hard', 'throws away'],
    ['git reset --keep HEAD', 'throws away'],
    ['git switch --discard-changes main', 'throws away'],
    ['git checkout -qf main', 'throws away'],
    ['git stash clear', 'saved work'],
    ['git reflog expire --all', 'destroys history'],
    ['git update-ref -d refs/heads/x', 'deletes a reference'],
    ['git branch -D topic', 'unmerged'],
    ['git branch --delete --force topic', 'unmerged'],
    ['git rm --recursive src', 'recursively'],
  ])('refuses %s', (text, fragment) => {
    expect(git(text).denial).toContain(fragment);
  });

  it.each([
    'git reset HEAD x',
    'git checkout main',
    'git stash list',
    'git reflog',
    'git update-ref x y',
    'git branch -d x',
    'git rm x',
  ])('does not refuse %s', (text) => {
    expect(git(text).denial).toBeUndefined();
  });

  it('reports options that run commands', () => {
    expect(git('git -c core.pager=x log').inlineCode).toContain('-c');
    expect(git('git --exec-path=/x log').inlineCode).toContain('--exec-path');
    expect(git('git --config-env=core.pager=X log').inlineCode).toContain('--config-env');
    expect(git('git grep --open-files-in-pager=vi x').inlineCode).toContain('-O');
    expect(git('git grep -n x').inlineCode).toBeUndefined();
  });
});
