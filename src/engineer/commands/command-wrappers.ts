/**
 * Looks through commands that run another command: `env`, `timeout`, `nice`,
 * `nohup`, `stdbuf`, `time`, `command`, `builtin`, `exec`, `xargs`, `busybox`,
 * `npx` and `npm exec`. Each yields the wrapped command (which the policy then
 * judges like any other), plus any file it writes itself (`time -o`) or directory
 * it changes into (`env -C`). A wrapper the policy cannot read fully is refused.
 */
import { parseCommandLine } from './command-parser.js';
import { type OptionTable, scanOptions } from './option-scanner.js';
import {
  isDynamicWord,
  type ParsedCommand,
  type ShellAssignment,
  type ShellWord,
} from './shell-syntax.js';

/** What a wrapper runs. */
export interface UnwrappedCommand {
  readonly wrapper: string;
  /** The wrapped command, or undefined when the wrapper runs nothing (`env` alone, `command -v`). */
  readonly inner: ParsedCommand | undefined;
  /** Command strings handed to a shell (`npx -c`). */
  readonly scripts: readonly string[];
  /** Files the wrapper itself writes. */
  readonly writtenPaths: readonly ShellWord[];
  /** Directories the wrapped command runs in. */
  readonly directories: readonly ShellWord[];
}

const packageRunner: OptionTable = {
  withValue: ['-p', '--package', '-c', '--call'],
  flags: ['-y', '--yes', '--no', '-q', '--quiet', '--no-install', '--prefer-offline', '--offline'],
};

const tables: Readonly<Record<string, OptionTable>> = {
  env: {
    withValue: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
    flags: [
      '-i',
      '-0',
      '-v',
      '--ignore-environment',
      '--null',
      '--debug',
      '--block-signal',
      '--default-signal',
      '--ignore-signal',
      '--list-signal-handling',
    ],
  },
  timeout: {
    withValue: ['-s', '--signal', '-k', '--kill-after'],
    flags: ['--preserve-status', '--foreground', '-v', '--verbose'],
  },
  nice: { withValue: ['-n', '--adjustment'], flags: [], numeric: true },
  nohup: { withValue: [], flags: [] },
  stdbuf: { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'], flags: [] },
  time: {
    withValue: ['-o', '--output', '-f', '--format'],
    flags: ['-p', '-v', '-a', '-q', '--portability', '--verbose', '--append', '--quiet'],
  },
  command: { withValue: [], flags: ['-p', '-v', '-V'] },
  builtin: { withValue: [], flags: [] },
  exec: { withValue: ['-a'], flags: ['-c', '-l'] },
  xargs: {
    withValue: [
      '-a',
      '--arg-file',
      '-d',
      '--delimiter',
      '-E',
      '-I',
      '-L',
      '-n',
      '-P',
      '-s',
      '--max-args',
      '--max-lines',
      '--max-procs',
      '--max-chars',
      '--process-slot-var',
      '--replace',
      '--eof',
    ],
    flags: [
      '-0',
      '-r',
      '-t',
      '-p',
      '-x',
      '-o',
      '--null',
      '--no-run-if-empty',
      '--verbose',
      '--interactive',
      '--exit',
      '--open-tty',
      '--show-limits',
    ],
  },
  npx: packageRunner,
  bunx: packageRunner,
  'npm exec': packageRunner,
  busybox: { withValue: [], flags: [] },
};

/** Names handled here; `npm` counts only with `exec` or `x`, given as `npm exec`. */
export function isWrapperName(name: string): boolean {
  return Object.hasOwn(tables, name);
}

/**
 * Unwraps one wrapper.
 * @param start index of the first word after the wrapper's own name (and subcommand).
 * @returns the unwrapped command, or a denial reason.
 */
export function unwrapCommand(
  wrapper: string,
  command: ParsedCommand,
  start: number,
): UnwrappedCommand | string {
  const table = tables[wrapper] as OptionTable;
  const scanned = scanOptions(command.words, start, table, wrapper);
  if (typeof scanned === 'string') return scanned;
  const { values } = scanned;
  let next = scanned.next;
  const option = (...names: string[]) => names.flatMap((name) => values.get(name) ?? []);
  const result = {
    wrapper,
    scripts: [] as string[],
    writtenPaths: [] as ShellWord[],
    directories: [] as ShellWord[],
  };
  if (wrapper === 'npx' || wrapper === 'npm exec' || wrapper === 'bunx') {
    if (option('-p', '--package').length > 0)
      return `${wrapper} --package installs packages from the network`;
    for (const call of option('-c', '--call')) {
      if (isDynamicWord(call)) return `the ${wrapper} -c command is computed at run time`;
      result.scripts.push(call.text);
    }
  }
  if (wrapper === 'time') result.writtenPaths.push(...option('-o', '--output'));
  if (wrapper === 'command' && (values.has('-v') || values.has('-V')))
    return { ...result, inner: undefined };
  if (wrapper === 'timeout') next += 1;
  let words = command.words.slice(next);
  const assignments: ShellAssignment[] = [...command.assignments];
  if (wrapper === 'env') {
    result.directories.push(...option('-C', '--chdir'));
    const split = option('-S', '--split-string');
    if (split.length > 0) {
      const prefix = splitStringWords(split);
      if (typeof prefix === 'string') return prefix;
      words = [...prefix, ...words];
    }
    while (words[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/u.test(words[0].raw)) {
      const word = words[0];
      const equals = word.text.indexOf('=');
      assignments.push({
        name: word.text.slice(0, equals),
        value: { ...word, text: word.text.slice(equals + 1) },
      });
      words = words.slice(1);
    }
  }
  if (words.length === 0) {
    if (wrapper === 'xargs')
      words = [{ ...(command.words[0] as ShellWord), text: 'echo', raw: 'echo' }];
    else if (wrapper === 'env' || wrapper === 'exec' || result.scripts.length > 0)
      return { ...result, inner: undefined };
    else return `${wrapper} is given no command`;
  }
  const inner: ParsedCommand = {
    ...command,
    words,
    argv: words.map((word) => word.text),
    assignments,
    origin: [...command.origin, wrapper],
    appendsArguments: command.appendsArguments || wrapper === 'xargs',
  };
  return { ...result, inner };
}

/** `env -S 'a b'` splits its value into words with quoting, like a one-command shell line. */
function splitStringWords(values: readonly ShellWord[]): ShellWord[] | string {
  const words: ShellWord[] = [];
  for (const value of values) {
    if (isDynamicWord(value)) return 'the env -S string is computed at run time';
    const parsed = parseCommandLine(value.text);
    const only = parsed[0];
    if (
      parsed.length !== 1 ||
      only === undefined ||
      only.redirections.length > 0 ||
      only.assignments.length > 0
    ) {
      return 'env -S must hold exactly one plain command';
    }
    words.push(...only.words);
  }
  return words;
}
