/**
 * The checks that hold whatever the allow and deny rules say: privilege changes,
 * code stored for later, dangerous variables, recursive deletes, destructive git,
 * sed and awk programs that write or run, shells and interpreters fed from input,
 * `cd` out of the workspace. Inline code (`node -e`) is refused unless the policy
 * allows it.
 */
import { awkDenial } from './awk-command.js';
import {
  declarationCommands,
  deferredCodeCommands,
  privilegeCommands,
  shellCommands,
} from './command-names.js';
import { directoryDenial, type PathRules } from './command-paths.js';
import { dangerousVariableReason } from './dangerous-variables.js';
import { recursiveDeleteReason } from './destructive-commands.js';
import { analyzeGit } from './git-command.js';
import { analyzeInterpreter } from './interpreter-command.js';
import { analyzeSed } from './sed-command.js';
import { shellInvocation } from './shell-invocation.js';
import type { ParsedCommand } from './shell-syntax.js';

const awkNames = new Set(['awk', 'gawk', 'mawk', 'nawk']);

/** Why a command is refused whatever the rules say, or undefined. */
export function alwaysDeniedReason(
  name: string,
  command: ParsedCommand,
  paths: PathRules,
): string | undefined {
  if (privilegeCommands.has(name))
    return `${name} runs commands with other privileges; always denied`;
  if (deferredCodeCommands.has(name)) return `${name} stores code to run later; always denied`;
  if (declarationCommands.has(name)) {
    for (const word of command.words.slice(1)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=/u.exec(word.text);
      const reason = match === null ? undefined : dangerousVariableReason(match[1] as string);
      if (reason !== undefined) return reason;
    }
  }
  const recursive = recursiveDeleteReason(name, command);
  if (recursive !== undefined) return recursive;
  if (name === 'git') return analyzeGit(command.words).denial;
  if (name === 'sed') return analyzeSed(command).denial;
  if (awkNames.has(name)) return awkDenial(command);
  if (shellCommands.has(name)) {
    const invocation = shellInvocation(command);
    if (invocation.kind === 'input')
      return `a shell reading commands from its input (as in curl ... | ${name}) is always denied`;
    if (invocation.kind === 'refused') return invocation.reason;
    if (command.appendsArguments)
      return `${name} run by xargs or find -exec gets its commands at run time`;
  }
  const interpreter = analyzeInterpreter(name, command);
  const readsInput =
    command.readsPipedInput ||
    command.redirections.some((redirection) => !redirection.writes && !redirection.duplicates);
  if (interpreter?.readsProgramFromInput === true && readsInput) {
    return `piping or redirecting a program into ${name} is always denied`;
  }
  if (name === 'cd' || name === 'pushd') return changeDirectoryReason(command, paths);
  return undefined;
}

function changeDirectoryReason(command: ParsedCommand, paths: PathRules): string | undefined {
  const operands = command.words
    .slice(1)
    .filter((word) => word.text !== '-P' && word.text !== '-L' && word.text !== '--');
  const target = operands[0];
  if (target === undefined || operands.length > 1)
    return 'cd needs exactly one directory inside the workspace';
  if (target.text === '-') return 'cd - goes back to a directory the policy cannot see';
  return directoryDenial(paths, target);
}

/** Why a command counts as code given on the command line (refused unless the policy allows it). */
export function inlineCodeReason(
  name: string,
  command: ParsedCommand,
  pythonModules: ReadonlySet<string>,
): string | undefined {
  const interpreter = analyzeInterpreter(name, command);
  if (interpreter?.inlineCode !== undefined) {
    return `${interpreter.inlineCode} runs code given on the command line, which the policy cannot inspect; write a file and run it`;
  }
  if (interpreter?.module !== undefined && !pythonModules.has(interpreter.module)) {
    return interpreter.module === 'pip'
      ? 'python -m pip installs packages, which is denied by default'
      : `python -m ${interpreter.module} is not among the allowed modules`;
  }
  if (name === 'git') return analyzeGit(command.words).inlineCode;
  if (name === 'make') {
    // `make CC='rm -rf /'` hands a command line to every recipe that uses $(CC).
    const variable = command.words.find((word) =>
      /^[A-Za-z_][A-Za-z0-9_]*=.*[\s;|&`$<>()]/su.test(word.text),
    );
    if (variable !== undefined) return `the make variable ${variable.raw} can carry a command line`;
  }
  return undefined;
}
