/**
 * Language interpreters (node, python, perl, ruby, ...). Running a script file is
 * judged by the rules like any program; code given on the command line (`node -e`,
 * `python -c`, `perl -e`) is refused by default because the policy cannot read it;
 * a program read from a pipe or a redirection (`curl ... | python`) is always
 * refused. `python -m` runs only the modules listed here by default.
 */
import type { ParsedCommand, ShellWord } from './shell-syntax.js';

interface InterpreterSpec {
  readonly names: RegExp;
  /** Options whose value is program text. */
  readonly inline: readonly string[];
  /** Options that take the next word as a value. */
  readonly withValue: readonly string[];
  /** A subcommand that evaluates its argument (`deno eval`). */
  readonly evalSubcommand?: string;
}

const interpreters: readonly InterpreterSpec[] = [
  {
    names: /^(node|nodejs)$/u,
    inline: ['-e', '--eval', '-p', '--print', '-i', '--interactive'],
    withValue: [
      '-r',
      '--require',
      '--import',
      '--loader',
      '--experimental-loader',
      '-C',
      '--conditions',
      '--title',
      '--env-file',
    ],
  },
  { names: /^(python|pypy)[0-9.]*$/u, inline: ['-c'], withValue: ['-W', '-X', '-m'] },
  { names: /^perl[0-9.]*$/u, inline: ['-e', '-E'], withValue: ['-I', '-M', '-m'] },
  { names: /^ruby[0-9.]*$/u, inline: ['-e'], withValue: ['-I', '-r'] },
  { names: /^php[0-9.]*$/u, inline: ['-r', '-R', '-B', '-E', '-a'], withValue: ['-d', '-c', '-z'] },
  {
    names: /^(bun|tsx|ts-node|esno|jiti)$/u,
    inline: ['-e', '--eval', '-p', '--print'],
    withValue: ['-r', '--require', '--import'],
  },
  { names: /^deno$/u, inline: ['-e', '--eval'], withValue: [], evalSubcommand: 'eval' },
  {
    names: /^(lua|luajit|rscript|osascript|tclsh|wish|jshell|irb|julia)$/u,
    inline: ['-e', '--eval'],
    withValue: [],
  },
];

/** Modules `python -m` may run under the default policy. */
export const defaultPythonModules: ReadonlySet<string> = new Set([
  'pytest',
  'unittest',
  'doctest',
  'mypy',
  'ruff',
  'black',
  'isort',
  'flake8',
  'pyflakes',
  'pylint',
  'coverage',
  'compileall',
  'py_compile',
  'timeit',
  'json.tool',
  'venv',
]);

/** What an interpreter command runs. */
export interface InterpreterCommand {
  /** The option or subcommand carrying program text, if any. */
  readonly inlineCode: string | undefined;
  /** The module run with `-m`, if any. */
  readonly module: string | undefined;
  /** True when the program is read from standard input. */
  readonly readsProgramFromInput: boolean;
}

/** Reads an interpreter command, or returns undefined when `name` is not an interpreter. */
export function analyzeInterpreter(
  name: string,
  command: ParsedCommand,
): InterpreterCommand | undefined {
  const spec = interpreters.find((candidate) => candidate.names.test(name));
  if (spec === undefined) return undefined;
  const words = command.words;
  for (let index = 1; index < words.length; index += 1) {
    const text = (words[index] as ShellWord).text;
    if (text === '-')
      return { inlineCode: undefined, module: undefined, readsProgramFromInput: true };
    if (text === '--') return program(words[index + 1]);
    if (!text.startsWith('-')) {
      if (spec.evalSubcommand === text) return inlineCode(name, text);
      return program(words[index]);
    }
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const optionName = equals > 0 ? text.slice(0, equals) : text;
      if (spec.inline.includes(optionName)) return inlineCode(name, optionName);
      if (equals < 0 && spec.withValue.includes(optionName)) index += 1;
      continue;
    }
    // A short cluster reads like getopt: flags, then an option whose value is the rest or the next word.
    for (let position = 1; position < text.length; position += 1) {
      const option = `-${text.charAt(position)}`;
      if (spec.inline.includes(option)) return inlineCode(name, option);
      if (!spec.withValue.includes(option)) continue;
      const glued = text.slice(position + 1);
      const value = glued !== '' ? glued : words[(index += 1)]?.text;
      if (option === '-m' && name.startsWith('py')) {
        return { inlineCode: undefined, module: value ?? '', readsProgramFromInput: false };
      }
      break;
    }
  }
  return { inlineCode: undefined, module: undefined, readsProgramFromInput: true };
}

function inlineCode(name: string, option: string): InterpreterCommand {
  return { inlineCode: `${name} ${option}`, module: undefined, readsProgramFromInput: false };
}

function program(word: ShellWord | undefined): InterpreterCommand {
  return { inlineCode: undefined, module: undefined, readsProgramFromInput: word === undefined };
}
