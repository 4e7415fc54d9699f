/**
 * Recursive deletes are refused whatever the rules say: `rm` with `-r`, `-R` or any
 * spelling of `--recursive` anywhere before `--` (GNU rm reads options after file
 * names too), `--no-preserve-root`, rsync's `--delete` family and tools that exist
 * to delete trees (`rimraf`). `find -delete` and `git clean` are caught with find
 * and git.
 */
import { treeDeletingCommands } from './command-names.js';
import type { ParsedCommand } from './shell-syntax.js';

/** Why a command deletes recursively, or undefined. */
export function recursiveDeleteReason(name: string, command: ParsedCommand): string | undefined {
  if (treeDeletingCommands.has(name)) return `${name} deletes directory trees`;
  const options = optionsBeforeEndMarker(command);
  if (name === 'rm') {
    const recursive = options.some(
      (text) =>
        (/^-[^-]/u.test(text) && /[rR]/u.test(text)) ||
        isLongOptionPrefix(text, '--recursive', 3) ||
        isLongOptionPrefix(text, '--no-preserve-root', 4),
    );
    return recursive ? 'recursive deletes (rm -r) are always denied' : undefined;
  }
  if (
    name === 'rsync' &&
    options.some((text) => text.startsWith('--del') || text.startsWith('--remove-source-files'))
  ) {
    return 'rsync --delete removes files recursively';
  }
  return undefined;
}

/** The option words of a command (everything starting with '-' before `--`). */
function optionsBeforeEndMarker(command: ParsedCommand): string[] {
  const end = command.argv.indexOf('--');
  const words = end < 0 ? command.argv.slice(1) : command.argv.slice(1, end);
  return words.filter((text) => text.startsWith('-') && text !== '-');
}

/** GNU getopt accepts any unambiguous prefix of a long option (`--rec` for `--recursive`). */
function isLongOptionPrefix(text: string, option: string, shortest: number): boolean {
  const name = text.split('=')[0] ?? '';
  return name.length >= shortest && option.startsWith(name);
}
