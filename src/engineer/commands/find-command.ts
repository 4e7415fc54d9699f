/**
 * The parts of a `find` expression that act: `-delete` (a recursive delete, always
 * refused), `-exec`/`-execdir`/`-ok`/`-okdir` (each runs a command the policy
 * judges, with `{}` standing for names found at run time) and the `-fprint`
 * family (which write files).
 */
import type { ParsedCommand, ShellWord } from './shell-syntax.js';

/** The actions of one find command. */
export interface FindActions {
  readonly commands: readonly ParsedCommand[];
  readonly writtenPaths: readonly ShellWord[];
}

const execActions = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const writingActions = new Set(['-fprint', '-fprint0', '-fls', '-fprintf']);

/** Reads the actions of `find ...` (words[0] is `find`); returns a denial reason when one is refused. */
export function findActions(command: ParsedCommand): FindActions | string {
  const { words } = command;
  const commands: ParsedCommand[] = [];
  const writtenPaths: ShellWord[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const text = (words[index] as ShellWord).text;
    if (text === '-delete') return 'find -delete deletes files recursively';
    if (writingActions.has(text)) {
      const target = words[index + 1];
      if (target === undefined) return `find ${text} needs a file`;
      writtenPaths.push(target);
      index += text === '-fprintf' ? 2 : 1;
      continue;
    }
    if (!execActions.has(text)) continue;
    const end = words.findIndex(
      (word, position) => position > index && (word.text === ';' || word.text === '+'),
    );
    if (end < 0) return `find ${text} is not terminated by ';' or '+'`;
    // `{}` becomes a name find found below its (checked) starting points; appendsArguments
    // makes the policy refuse commands that would write to it.
    const innerWords = words.slice(index + 1, end);
    if (innerWords.length === 0) return `find ${text} has no command`;
    commands.push({
      ...command,
      words: innerWords,
      argv: innerWords.map((word) => word.text),
      origin: [...command.origin, `find ${text}`],
      appendsArguments: true,
    });
    index = end;
  }
  return { commands, writtenPaths };
}
