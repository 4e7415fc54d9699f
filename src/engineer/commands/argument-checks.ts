/**
 * Checks on what a command names: its redirection targets, the path of its
 * program, and its arguments. All lexical, against the workspace root.
 */
import {
  fileWritingCommands,
  shellCommands,
  systemProgramDirectories,
  valueOnlyCommands,
} from './command-names.js';
import {
  isPathLike,
  pathCandidates,
  type PathRules,
  readDenial,
  writeDenial,
} from './command-paths.js';
import { findSubcommand } from './command-subcommands.js';
import { isWrapperName } from './command-wrappers.js';
import { globCouldStartWithDash } from './glob-pattern.js';
import { analyzeSed } from './sed-command.js';
import { isDynamicWord, type ParsedCommand, type ShellWord } from './shell-syntax.js';

const packageRunners: Readonly<Record<string, readonly string[]>> = {
  npm: ['exec', 'x'],
  pnpm: ['exec'],
  yarn: ['exec'],
};

/** Why a redirection is refused (computed, outside, read-only), or undefined. */
export function redirectionsReason(command: ParsedCommand, paths: PathRules): string | undefined {
  for (const redirection of command.redirections) {
    if (redirection.duplicates) continue;
    const target = redirection.target;
    if (isDynamicWord(target) || target.glob)
      return `the redirection target ${target.raw} is computed at run time`;
    const denial = redirection.writes
      ? writeDenial(paths, target, target.text, true)
      : isPathLike(target.text)
        ? readDenial(paths, target, target.text)
        : undefined;
    if (denial !== undefined) return `redirection: ${denial}`;
  }
  return undefined;
}

/** Why a program named by path is refused, or undefined; system directories and the workspace are fine. */
export function programPathReason(program: ShellWord, paths: PathRules): string | undefined {
  const text = program.text;
  if (!text.includes('/')) return text === '' ? 'the program name is empty' : undefined;
  const directory = text.slice(0, text.lastIndexOf('/')) || '/';
  if (text.startsWith('/') && systemProgramDirectories.includes(directory)) return undefined;
  return readDenial(paths, program, text);
}

/**
 * Why an argument is refused, or undefined: run-time values where they could be
 * paths, globs that could become options, and paths outside the workspace (or, for
 * commands that write, inside a read-only area).
 */
export function argumentsReason(
  name: string,
  command: ParsedCommand,
  paths: PathRules,
): string | undefined {
  const writer = fileWritingCommands.has(name) || (name === 'sed' && analyzeSed(command).inPlace);
  const runsOthers = runsOtherCommands(name, command);
  if (writer && command.appendsArguments)
    return `${name} writes files named at run time (by xargs or find -exec)`;
  const end = command.words.findIndex((word, index) => index > 0 && word.text === '--');
  for (const [index, word] of command.words.entries()) {
    if (index === 0 || index === end) continue;
    const afterEnd = end > 0 && index > end;
    if (isDynamicWord(word)) {
      if (writer || !(valueOnlyCommands.has(name) || runsOthers))
        return `the argument ${word.raw} is computed at run time`;
      continue;
    }
    if (writer && word.glob && !afterEnd && globCouldStartWithDash(word.globPattern)) {
      return `${word.raw} may expand to a name starting with '-' (an option); put it after --`;
    }
    const candidates = afterEnd ? [word.text] : pathCandidates(word.text);
    for (const candidate of candidates) {
      const isOptionValue = candidate !== word.text;
      let denial: string | undefined;
      if (writer || (isOptionValue && !isPathLike(candidate))) {
        denial = writeDenial(paths, word, candidate, false);
      } else if (isPathLike(candidate) || word.glob) {
        denial = readDenial(paths, word, candidate);
      }
      if (denial !== undefined) return denial;
    }
  }
  return undefined;
}

function runsOtherCommands(name: string, command: ParsedCommand): boolean {
  return (
    isWrapperName(name) ||
    shellCommands.has(name) ||
    name === 'find' ||
    name === 'eval' ||
    packageRunnerStart(name, command) !== undefined
  );
}

/** Where `npm exec` / `pnpm exec` / `yarn exec` start their command, or undefined. */
export function packageRunnerStart(name: string, command: ParsedCommand): number | undefined {
  const subcommand = findSubcommand(name, command.words);
  return subcommand !== undefined && packageRunners[name]?.includes(subcommand.value) === true
    ? subcommand.index + 1
    : undefined;
}
