/**
 * Finds a command's subcommand (`git status`, `npm test`, `go build`) by skipping
 * its global options. The same function serves the rules and the wrappers, so
 * `npm --silent exec -- rm -rf x` is seen as `npm exec` by both.
 */
import { gitValueOptions } from './git-command.js';
import type { ShellWord } from './shell-syntax.js';

/** Global options that take the next word as a value, per tool. */
const valueOptions: Readonly<Record<string, readonly string[]>> = {
  git: gitValueOptions,
  npm: ['--prefix', '-w', '--workspace', '--loglevel', '--registry', '--userconfig', '--cache'],
  pnpm: ['-C', '--dir', '--filter', '-F', '--reporter', '--loglevel'],
  yarn: ['--cwd'],
  go: ['-C'],
  cargo: ['-C', '-Z', '--config', '--color'],
};

/** A subcommand and the index of its word. */
export interface Subcommand {
  readonly value: string;
  readonly index: number;
}

/** The first operand after the global options of `name`, or undefined when there is none. */
export function findSubcommand(name: string, words: readonly ShellWord[]): Subcommand | undefined {
  const withValue = valueOptions[name] ?? [];
  for (let index = 1; index < words.length; index += 1) {
    const text = (words[index] as ShellWord).text;
    if (text === '--') return undefined;
    if (!text.startsWith('-')) return { value: text, index };
    if (withValue.includes(text)) index += 1;
  }
  return undefined;
}
