/**
 * Git: which subcommand runs, and the uses that
 * are refused whatever the rules say: publishing (`push`), throwing away work
 * (`reset --hard`, `clean`, `checkout --force`, `stash drop`), rewriting history,
 * and recursive `git rm`. Options that run a command string (`-c`, `--exec-path`,
 * `grep -O`) count as inline code.
 */
import type { ShellWord } from './shell-syntax.js';

/** What the policy needs to know about a git command. */
export interface GitCommand {
  /** The subcommand (`status`, `diff`, ...), if any, and where it stands. */
  readonly subcommand: string | undefined;
  readonly subcommandIndex: number;
  /** Why the command is always refused. */
  readonly denial: string | undefined;
  /** Why the command counts as inline code. */
  readonly inlineCode: string | undefined;
}

/** Git's global options that take the next word as a value. */
export const gitValueOptions: readonly string[] = [
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--config-env',
  '--super-prefix',
];

/** Reads `git ...` (words[0] is git). */
export function analyzeGit(words: readonly ShellWord[]): GitCommand {
  let inlineCode: string | undefined;
  let index = 1;
  for (; index < words.length; index += 1) {
    const word = words[index] as ShellWord;
    const text = word.text;
    if (!text.startsWith('-')) break;
    const equals = text.indexOf('=');
    const name = equals < 0 ? text : text.slice(0, equals);
    if (name === '-c' || name === '--config-env' || name === '--exec-path') {
      inlineCode = `git ${name} can make git run arbitrary commands`;
    }
    if (equals < 0 && gitValueOptions.includes(name)) index += 1;
  }
  const subcommand = words[index]?.text;
  const rest = words.slice(index + 1).map((word) => word.text);
  const denial = subcommand === undefined ? undefined : gitDenial(subcommand, rest);
  if (
    subcommand === 'grep' &&
    rest.some(
      (text) => text === '-O' || text.startsWith('-O') || text.startsWith('--open-files-in-pager'),
    )
  ) {
    inlineCode = 'git grep -O runs a pager command';
  }
  return { subcommand, subcommandIndex: index, denial, inlineCode };
}

function hasAny(rest: readonly string[], options: readonly string[]): boolean {
  return rest.some((text) =>
    options.some((option) => text === option || text.startsWith(`${option}=`)),
  );
}

function hasShortFlag(rest: readonly string[], letters: string): boolean {
  return rest.some(
    (text) => /^-[A-Za-z]+$/u.test(text) && [...letters].some((letter) => text.includes(letter)),
  );
}

function gitDenial(subcommand: string, rest: readonly string[]): string | undefined {
  switch (subcommand) {
    case 'push':
      return 'git push publishes to a remote';
    case 'clean':
      return 'git clean deletes untracked files';
    case 'filter-branch':
    case 'filter-repo':
      return `git ${subcommand} rewrites history`;
    case 'reset':
      return hasAny(rest, ['--hard', '--merge', '--keep'])
        ? 'git reset --hard throws away uncommitted work'
        : undefined;
    case 'checkout':
    case 'switch':
      return hasAny(rest, ['--force', '--discard-changes']) || hasShortFlag(rest, 'f')
        ? `git ${subcommand} --force throws away uncommitted work`
        : undefined;
    case 'stash':
      return rest[0] === 'drop' || rest[0] === 'clear'
        ? 'git stash drop/clear throws away saved work'
        : undefined;
    case 'reflog':
      return rest[0] === 'expire' || rest[0] === 'delete'
        ? 'git reflog expire/delete destroys history'
        : undefined;
    case 'update-ref':
      return hasAny(rest, ['-d', '--delete']) ? 'git update-ref -d deletes a reference' : undefined;
    case 'branch':
      return hasShortFlag(rest, 'D') || (hasAny(rest, ['--delete']) && hasAny(rest, ['--force']))
        ? 'git branch -D deletes unmerged work'
        : undefined;
    case 'rm':
      return hasShortFlag(rest, 'r') || hasAny(rest, ['--recursive'])
        ? 'git rm -r deletes recursively'
        : undefined;
    default:
      return undefined;
  }
}
