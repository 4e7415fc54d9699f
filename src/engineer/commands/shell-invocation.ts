/**
 * How a shell is started: with `-c 'string'` (the policy parses the string and
 * judges every command in it), with a script file, or reading commands from its
 * input (`curl ... | sh`, `sh < file`, `sh -s`), which can never be inspected and
 * is always refused.
 */
import { isDynamicWord, type ParsedCommand } from './shell-syntax.js';

/** What a shell invocation will run. */
export type ShellInvocation =
  | { readonly kind: 'string'; readonly script: string }
  | { readonly kind: 'file' }
  | { readonly kind: 'input' }
  | { readonly kind: 'refused'; readonly reason: string };

// Options of sh/bash/zsh that take the next word as a value.
const valueOptions = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** Reads the options of a shell command (words[0] is the shell). */
export function shellInvocation(command: ParsedCommand): ShellInvocation {
  const { words } = command;
  let runsString = false;
  let readsInput = false;
  let index = 1;
  while (index < words.length) {
    const word = words[index];
    if (word === undefined) break;
    const text = word.text;
    if (isDynamicWord(word))
      return { kind: 'refused', reason: 'a shell option or script is computed at run time' };
    if (text === '--' || text === '-') {
      index += 1;
      break;
    }
    if (!/^[-+]./u.test(text)) break;
    if (valueOptions.has(text)) {
      index += 2;
      continue;
    }
    if (!text.startsWith('--')) {
      const letters = text.slice(1);
      if (letters.includes('c')) runsString = true;
      if (letters.includes('s') || letters.includes('i')) readsInput = true;
    }
    index += 1;
  }
  const operand = words[index];
  if (runsString) {
    if (operand === undefined)
      return { kind: 'refused', reason: 'a shell -c needs a command string' };
    if (isDynamicWord(operand))
      return { kind: 'refused', reason: 'the shell -c string is computed at run time' };
    return { kind: 'string', script: operand.text };
  }
  if (readsInput || operand === undefined) return { kind: 'input' };
  return { kind: 'file' };
}
